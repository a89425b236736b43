# Runs a program and checks that it exits with 0 and that its standard output matches every
# regular expression given (ctest's PASS_REGULAR_EXPRESSION alone ignores the exit code and passes
# on any one match). Usage:
#   cmake -DCOMMAND="prog;arg1;arg2" -DEXPECT="regex1;regex2" -P check_output.cmake
execute_process(COMMAND ${COMMAND} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "exit code ${rc}\n${err}")
endif()
foreach(expected IN LISTS EXPECT)
  if(NOT out MATCHES "${expected}")
    message(FATAL_ERROR "output does not match: ${expected}")
  endif()
endforeach()
