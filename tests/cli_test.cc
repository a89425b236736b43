// The greenlight command-line program, run as a user would run it.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "json_reader.h"
#include "test_util.h"

namespace greenlight {
namespace {

namespace fs = std::filesystem;

std::string cli() { return GREENLIGHT_CLI; }

struct TempDir {
  TempDir() {
    char name[] = "/tmp/greenlight_cli_test_XXXXXX";
    path = mkdtemp(name);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string file(const std::string& name) const { return path + "/" + name; }
  std::string path;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

TEST(Cli, AnalyzeJsonIsOneObjectPerInputWithTheSchemaFields) {
  if (cli().empty()) GTEST_SKIP() << "CLI not built";
  const std::string sample = testing::source_path("data/samples/rilakkuma-and-kaoru-season-2.txt");
  int status = 0;
  const std::string out =
      testing::run_command(cli() + " analyze --format json '" + sample + "' '" + sample + "'", &status);
  EXPECT_EQ(status, 0);
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 2u);
  const JsonValue report = parse_json(lines[0]);
  EXPECT_EQ(report.find("schema")->str(), "greenlight.article/1");
  EXPECT_EQ(report.find("source")->str(), sample);
  for (const char* field : {"title", "show", "renewal", "sentiment", "entities", "dates", "seasons", "episodes",
                            "runtime_minutes", "stats"})
    EXPECT_NE(report.find(field), nullptr) << field;
  EXPECT_GT(report.find("stats")->find("tokens")->number(), 300);
}

TEST(Cli, MissingFileGivesAnErrorRecordAndNonZeroExit) {
  if (cli().empty()) GTEST_SKIP() << "CLI not built";
  int status = 0;
  const std::string out = testing::run_command(cli() + " analyze --format json /nonexistent/a.txt 2>/dev/null", &status);
  EXPECT_NE(status, 0);
  const JsonValue record = parse_json(lines_of(out).at(0));
  EXPECT_EQ(record.find("source")->str(), "/nonexistent/a.txt");
  EXPECT_NE(record.find("error")->str().find("cannot open"), std::string::npos);
}

TEST(Cli, UsageErrorsExitWithTwo) {
  if (cli().empty()) GTEST_SKIP() << "CLI not built";
  int status = 0;
  testing::run_command(cli() + " analyze --format xml x 2>/dev/null", &status);
  EXPECT_EQ(WEXITSTATUS(status), 2);
  testing::run_command(cli() + " no-such-command 2>/dev/null", &status);
  EXPECT_EQ(WEXITSTATUS(status), 2);
  testing::run_command(cli() + " analyze --date 2021-02-30 x 2>/dev/null", &status);
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

TEST(Cli, TokenizeReadsStdin) {
  if (cli().empty()) GTEST_SKIP() << "CLI not built";
  const std::string out = testing::run_command("printf 'Netflix renews it.' | " + cli() + " tokenize -");
  EXPECT_NE(out.find("4 tokens"), std::string::npos) << out;
}

// Writes a JSONL input of `n` articles, a few of them broken on purpose.
std::set<std::string> write_jsonl_input(const std::string& path, int n) {
  std::ofstream out(path);
  std::set<std::string> ids;
  std::string body;
  for (int i = 0; i < 40; ++i)
    body += "Netflix has not renewed the stop-motion series, and fans keep asking whether Dwarf Studio will return. ";
  for (int i = 0; i < n; ++i) {
    const std::string id = "article-" + std::to_string(i);
    ids.insert(id);
    if (i % 97 == 5) {
      out << "{\"id\": \"" << id << "\", \"text\": 12}\n";  // wrong type: an error record
    } else if (i % 97 == 7) {
      out << "{\"id\": \"" << id << "\", \"text\": \"x\", \"date\": \"2021-02-30\"}\n";  // impossible date
    } else {
      out << "{\"id\": \"" << id << "\", \"text\": \"Show " << i << " Season 2\\n\\n" << body << "\"}\n";
    }
  }
  return ids;
}

TEST(Cli, BatchWritesExactlyOneRecordPerInputInOrder) {
  if (cli().empty()) GTEST_SKIP() << "CLI not built";
  TempDir dir;
  const auto ids = write_jsonl_input(dir.file("in.jsonl"), 300);
  int status = 0;
  testing::run_command(cli() + " batch --threads 2 --progress never '" + dir.file("in.jsonl") + "' --out '" +
                           dir.file("out.jsonl") + "' 2>/dev/null",
                       &status);
  EXPECT_EQ(status, 0);
  const auto lines = lines_of(testing::read_file(dir.file("out.jsonl")));
  ASSERT_EQ(lines.size(), 300u);
  int errors = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const JsonValue v = parse_json(lines[i]);
    EXPECT_EQ(v.find("source")->str(), "article-" + std::to_string(i));
    if (v.find("error")) ++errors;
  }
  EXPECT_EQ(errors, 2 * 3 + 2);  // i % 97 in {5, 7} for i < 300
}

TEST(Cli, BatchKilledMidRunThenResumedLosesAndDuplicatesNothing) {
  if (cli().empty()) GTEST_SKIP() << "CLI not built";
  TempDir dir;
  const auto ids = write_jsonl_input(dir.file("in.jsonl"), 6000);
  const std::string out = dir.file("out.jsonl");
  // Kill at a few different moments; whatever the moment, resuming must complete the output.
  for (int delay_ms : {30, 120}) {
    const pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      const std::string in = dir.file("in.jsonl");
      execl(cli().c_str(), "greenlight", "batch", "--threads", "2", "--progress", "never", "--resume", in.c_str(),
            "--out", out.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
  }
  int status = 0;
  testing::run_command(cli() + " batch --threads 2 --progress never --resume '" + dir.file("in.jsonl") +
                           "' --out '" + out + "' 2>/dev/null",
                       &status);
  EXPECT_EQ(status, 0);
  const std::string content = testing::read_file(out);
  ASSERT_FALSE(content.empty());
  EXPECT_EQ(content.back(), '\n');  // no torn last line
  std::multiset<std::string> seen;
  for (const std::string& line : lines_of(content)) seen.insert(parse_json(line).find("source")->str());
  EXPECT_EQ(seen.size(), ids.size());
  for (const std::string& id : ids) EXPECT_EQ(seen.count(id), 1u) << id;
}

TEST(Cli, TrainAndEvalASentimentModel) {
  TempDir dir;
  {
    std::ofstream out(dir.file("train.tsv"));
    out << "1\tA warm, funny and charming season.\n0\tA dull, lazy and tedious season.\n"
        << "positive\tThe cast is wonderful.\nnegative\tThe cast is wasted.\n";
  }
  int status = -1;
  const std::string trained = testing::run_command(cli() + " train --task sentiment --train " + dir.file("train.tsv") +
                                                   " --out " + dir.file("m.glm"), &status);
  EXPECT_EQ(status, 0) << trained;
  EXPECT_NE(trained.find("trained on 4 texts"), std::string::npos) << trained;
  const std::string eval =
      testing::run_command(cli() + " eval --model " + dir.file("m.glm") + " --data " + dir.file("train.tsv"), &status);
  EXPECT_EQ(status, 0);
  const std::vector<std::string> lines = lines_of(eval);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), "accuracy=1.0000");
  EXPECT_NE(eval.find("macro-F1: 1.0000"), std::string::npos) << eval;
  // A damaged model file is an error naming the file.
  std::ofstream(dir.file("bad.glm")) << "GLLINMOD";
  const std::string bad = testing::run_command(
      cli() + " eval --model " + dir.file("bad.glm") + " --data " + dir.file("train.tsv") + " 2>&1", &status);
  EXPECT_NE(status, 0);
  EXPECT_NE(bad.find(dir.file("bad.glm")), std::string::npos) << bad;
  testing::run_command(cli() + " train --task renewal --train x --out y 2>/dev/null", &status);
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

}  // namespace
}  // namespace greenlight
