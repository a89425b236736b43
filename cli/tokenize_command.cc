// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// greenlight tokenize FILE|-: a readable dump of the Document, one token per line.

#include <boost/program_options.hpp>
#include <iostream>

#include "cli.h"
#include "command_line.h"
#include "greenlight/tokenizer.h"
#include "../lib/utf8.h"

namespace po = boost::program_options;

namespace greenlight::cli {

int tokenize_main(const std::vector<std::string>& args) {
  po::options_description visible("usage: greenlight tokenize [options] FILE|-\noptions");
  visible.add_options()("help,h", "show this help")(
      "no-split-clitics", "keep contractions and possessives whole (doesn't, Netflix's)")(
      "summary", "print only the counts");
  po::variables_map vm;
  if (!parse_command_line(args, visible, {{"input", -1}}, vm)) return 0;
  if (!vm.count("input") || vm["input"].as<std::vector<std::string>>().size() != 1)
    throw usage_error("expected exactly one FILE (or - for stdin)", visible);
  const std::string path = vm["input"].as<std::vector<std::string>>()[0];
  const std::string text = read_input(path);
  TokenizerOptions options;
  options.split_clitics = !vm.count("no-split-clitics");
  const Tokenizer tokenizer(options);
  const Document doc = tokenizer.tokenize(text);

  std::size_t by_kind[16] = {};
  for (const Token& t : doc.tokens()) ++by_kind[static_cast<int>(t.kind)];
  std::cout << (path == "-" ? "<stdin>" : path) << ": " << text.size() << " bytes, "
            << doc.paragraphs().size() << " paragraphs, " << doc.sentences().size() << " sentences, "
            << doc.tokens().size() << " tokens (";
  bool first = true;
  for (int k = 0; k <= static_cast<int>(TokenKind::kInvalid); ++k) {
    if (!by_kind[k]) continue;
    std::cout << (first ? "" : ", ") << by_kind[k] << " " << to_string(static_cast<TokenKind>(k));
    first = false;
  }
  std::cout << ")\n";
  if (vm.count("summary")) return 0;

  for (std::size_t p = 0; p < doc.paragraphs().size(); ++p) {
    const Paragraph& para = doc.paragraphs()[p];
    std::cout << "\nparagraph " << p + 1 << " [" << para.begin << ", " << para.end << ")\n";
    for (std::uint32_t si = para.first_sentence; si < para.end_sentence; ++si) {
      const Sentence& s = doc.sentences()[si];
      std::cout << "  sentence " << si + 1 << " [" << s.begin << ", " << s.end
                << "): " << utf8::sanitize(doc.text_of(s)) << "\n";
      for (const Token& t : doc.tokens(s)) {
        std::cout << "    " << t.begin << "\t" << t.end << "\t" << to_string(t.kind) << "\t"
                  << utf8::sanitize(doc.text_of(t));
        if (doc.normalized(t) != doc.text_of(t)) std::cout << "\t-> " << doc.normalized(t);
        std::string shape;
        if (t.has(kCapitalized)) shape += " Cap";
        if (t.has(kAllCaps)) shape += " CAPS";
        if (t.has(kClitic)) shape += " clitic";
        if (!shape.empty()) std::cout << "\t[" << shape.substr(1) << "]";
        std::cout << "\n";
      }
    }
  }
  return 0;
}

}  // namespace greenlight::cli
