// The renewal scorer: cue features read with their modifiers, a model trained on passages the
// test writes, model files that fail loudly, and the built-in model on clear cases.

#include "greenlight/renewal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "greenlight/entities.h"
#include "greenlight/error.h"
#include "renewal_cues.h"
#include "test_util.h"

namespace greenlight {
namespace {

bool has_feature(const std::string& text, const std::string& name) {
  static const Tokenizer tokenizer;
  const Document doc = tokenizer.tokenize(text);
  const auto features = renewal_cue_features(doc, RenewalSubject{});
  return std::any_of(features.begin(), features.end(), [&](const CueFeature& f) { return f.name == name; });
}

TEST(RenewalCues, NegationModalityAndQuestionsAreRead) {
  EXPECT_TRUE(has_feature("Netflix has renewed the show.", "renew"));
  EXPECT_FALSE(has_feature("Netflix has renewed the show.", "renew|neg"));
  EXPECT_TRUE(has_feature("The show hasn't been renewed yet.", "renew|neg"));
  EXPECT_TRUE(has_feature("There is no official confirmation.", "silence"));
  EXPECT_TRUE(has_feature("It could be renewed if ratings hold.", "renew|mod"));
  EXPECT_TRUE(has_feature("Will the show be renewed?", "renew|q"));
  EXPECT_TRUE(has_feature("HBO will not move forward with a second season.", "proceed|neg"));
  EXPECT_TRUE(has_feature("It was renewed for a fourth and final season.", "final"));
  EXPECT_TRUE(has_feature("CBS cancelled it after two seasons.", "run_length"));
  EXPECT_TRUE(has_feature("The studio denied the rumours.", "deny"));
}

TEST(RenewalCues, SubjectIsTheMainShowOrAnother) {
  const Tokenizer tokenizer;
  const std::string text = "Netflix renewed Bluebell. Amberly is still waiting.";
  const Document doc = tokenizer.tokenize(text);
  RenewalSubject subject;
  subject.main_show = {{26, 33}};    // "Amberly"
  subject.other_shows = {{16, 24}};  // "Bluebell"
  const auto features = renewal_cue_features(doc, subject);
  auto has = [&](const std::string& name) {
    return std::any_of(features.begin(), features.end(), [&](const CueFeature& f) { return f.name == name; });
  };
  EXPECT_TRUE(has("renew|other"));
  EXPECT_TRUE(has("silence|main"));
}

TEST(RenewalCues, HeadlineAndLedeAreMarked) {
  EXPECT_TRUE(has_feature("Netflix Renews Show for Season 2\n\nThe streamer ordered eight episodes.", "headline:renew"));
  EXPECT_TRUE(has_feature("Netflix Renews Show for Season 2\n\nThe streamer ordered a second season.", "lede:renew"));
}

TEST(RenewalCues, NegationIsPendingOrDecisive) {
  // No decision yet.
  EXPECT_TRUE(has_feature("The show hasn't been renewed yet.", "renew|neg:pend"));
  EXPECT_TRUE(has_feature("HBO has yet to renew the drama.", "renew|neg:pend"));
  // A decision.
  EXPECT_TRUE(has_feature("The network will not renew the drama.", "renew|neg:dec"));
  EXPECT_TRUE(has_feature("The comedy won't return for a third season.", "return|neg:dec"));
  EXPECT_TRUE(has_feature("Netflix has decided not to renew the series.", "renew|neg:dec"));
  EXPECT_FALSE(has_feature("Netflix has renewed the series.", "renew|neg:dec"));
}

TEST(RenewalCues, EventsInOrderWithBackgroundSetApart) {
  // Cancelled, then picked up elsewhere: the last event that is not background is the order.
  EXPECT_TRUE(has_feature("CBS cancelled the drama in 2021. This week Peacock ordered a third season of it.",
                          "ev_seq:cancel>renew"));
  EXPECT_TRUE(has_feature("CBS cancelled the drama in 2021. This week Peacock ordered a third season of it.",
                          "ev_cur:renew"));
  // Renewed, then the order withdrawn.
  EXPECT_TRUE(has_feature("The network renewed the drama in March. In August it reversed the decision.",
                          "ev_seq:renew>revoke"));
  // Told the other way round, the dated cancellation is still background.
  EXPECT_TRUE(has_feature("Peacock has ordered a third season of the drama, which CBS cancelled back in 2021.",
                          "ev_cur:renew"));
  // A decisive no is a cancellation event; a hedge, a question or a pending no is not an event.
  EXPECT_TRUE(has_feature("There won't be a third season of the drama.", "ev_cur:cancel"));
  EXPECT_FALSE(has_feature("The drama could be renewed. Will it be cancelled?", "ev_cur:renew"));
  EXPECT_FALSE(has_feature("The drama could be renewed. Will it be cancelled?", "ev_cur:cancel"));
  EXPECT_FALSE(has_feature("The drama hasn't been renewed.", "ev_cur:cancel"));
}

TEST(RenewalCues, EventsOfAnotherShowDoNotCount) {
  const Tokenizer tokenizer;
  const std::string text = "Netflix renewed Bluebell on Monday. Amberly is still waiting.";
  const Document doc = tokenizer.tokenize(text);
  RenewalSubject subject;
  subject.main_show = {{36, 43}};    // "Amberly"
  subject.other_shows = {{16, 24}};  // "Bluebell"
  const auto features = renewal_cue_features(doc, subject);
  EXPECT_FALSE(std::any_of(features.begin(), features.end(),
                           [](const CueFeature& f) { return f.name.rfind("ev_", 0) == 0; }));
}

TEST(RenewalCues, SeasonsRumoursAndSuppositions) {
  // A season named without a verb is read through its modifiers.
  EXPECT_TRUE(has_feature("No Season 2 for Harbor Lights\n\nThe streamer confirmed it on Friday.", "season_ref|neg"));
  EXPECT_TRUE(has_feature("Is there going to be a season 3?", "season_ref|q"));
  EXPECT_TRUE(has_feature("The second season was called off in May.", "cancel"));
  // An order passed on by sources is a rumour, not an announcement.
  EXPECT_TRUE(has_feature("Sources say the streamer has renewed the thriller.", "renew|src:rumour"));
  EXPECT_FALSE(has_feature("The streamer has renewed the thriller.", "renew|src:rumour"));
  // A supposition, an opinion or a negotiation is not an order.
  EXPECT_TRUE(has_feature("Suppose the network renewed it tomorrow.", "renew|mod"));
  EXPECT_TRUE(has_feature("We think the thriller is getting renewed.", "renew|mod"));
  EXPECT_TRUE(has_feature("The cast is in talks to return for another season.", "return|mod"));
}

TEST(RenewalCues, OfficialSilenceInItsUsualWords) {
  EXPECT_TRUE(has_feature("The studio has not commented on plans for more episodes.", "silence"));
  EXPECT_TRUE(has_feature("A spokesperson said there was nothing to share at this time.", "silence"));
  EXPECT_TRUE(has_feature("The executive stopped short of announcing a renewal.", "silence"));
  EXPECT_TRUE(has_feature("The comedy is still awaiting a decision.", "silence"));
  EXPECT_TRUE(has_feature("There has been nothing since.", "silence"));
}

std::vector<RenewalExample> toy_corpus() {
  std::vector<RenewalExample> out;
  const char* shows[] = {"Alpha", "Bravo", "Cedar", "Delta", "Ember", "Fable", "Grove", "Harbor"};
  for (const char* show : shows) {
    const std::string s = show;
    out.push_back({s + " has been renewed for a second season. The network confirmed the order.", "renewed", "", s});
    out.push_back({"The network has cancelled " + s + ". It will not return.", "cancelled", "", s});
    out.push_back({s + " will end with its upcoming final season. The creators planned it.", "ended", "", s});
    out.push_back({"There is no official word on " + s + " yet. Ratings were strong and fans hope it returns.",
                   "unconfirmed", "likely", s});
    out.push_back({"Nothing has been announced about " + s + ". Ratings were poor and the cast has moved on.",
                   "unconfirmed", "unlikely", s});
    out.push_back({"Will " + s + " return? Nobody knows yet.", "unconfirmed", "unclear", s});
  }
  return out;
}

TEST(RenewalScorer, LearnsASmallCorpusAndExplainsItself) {
  const RenewalScorer scorer = RenewalScorer::train(toy_corpus());
  const Tokenizer tokenizer;
  const std::string text = "Zenith has been renewed for a second season. The network confirmed the order.";
  const Document doc = tokenizer.tokenize(text);
  const RenewalResult r = scorer.score(doc, RenewalScorer::subject_from_title(doc, "Zenith"));
  EXPECT_EQ(r.status, "renewed");
  EXPECT_FALSE(r.outlook.has_value());
  EXPECT_GT(r.likelihood, 0.6);
  ASSERT_FALSE(r.evidence.empty());
  // Evidence weights and the unattributed rest add up to the likelihood logit.
  double logit = r.bias;
  for (const auto& e : r.evidence) logit += e.weight;
  EXPECT_NEAR(1 / (1 + std::exp(-logit)), r.likelihood, 0.05);
  EXPECT_NE(r.explain().find("renewed, "), std::string::npos);

  const std::string cancelled = "The network has cancelled Zenith. It will not return.";
  const Document doc2 = tokenizer.tokenize(cancelled);
  const RenewalResult r2 = scorer.score(doc2, RenewalScorer::subject_from_title(doc2, "Zenith"));
  EXPECT_EQ(r2.status, "cancelled");
  EXPECT_LT(r2.likelihood, 0.4);
}

TEST(RenewalScorer, SaveLoadRoundTripAndCorruptFiles) {
  const RenewalScorer scorer = RenewalScorer::train(toy_corpus());
  const std::string saved = scorer.to_string();
  const RenewalScorer loaded = RenewalScorer::from_string(saved, "toy");
  EXPECT_EQ(loaded.to_string(), saved);
  EXPECT_THROW(RenewalScorer::from_string("", "empty"), Error);
  try {
    RenewalScorer::from_string(saved.substr(0, saved.size() / 2), "truncated.tsv");
    FAIL() << "accepted a truncated model";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("truncated.tsv"), std::string::npos) << e.what();
  }
  std::string wrong_version = saved;
  wrong_version.replace(wrong_version.find("\t1\t"), 3, "\t9\t");
  try {
    RenewalScorer::from_string(wrong_version, "v9.tsv");
    FAIL() << "accepted version 9";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("version 9"), std::string::npos) << e.what();
  }
  std::string corrupt = saved;
  corrupt.replace(corrupt.rfind('\t') + 1, 1, "x");
  EXPECT_THROW(RenewalScorer::from_string(corrupt, "corrupt.tsv"), Error);
}

TEST(RenewalScorer, BuiltInModelOnClearCases) {
  const RenewalScorer scorer = RenewalScorer::load_default();
  const Tokenizer tokenizer;
  struct Case {
    const char* text;
    const char* show;
    const char* status;
  };
  const Case cases[] = {
      {"Hulu Renews Quiet Harbor for Season 3\n\nHulu has officially renewed the drama Quiet Harbor for a third "
       "season, the streamer announced on Tuesday. Production begins in the spring.",
       "Quiet Harbor", "renewed"},
      {"Paper Kites Cancelled at ABC After One Season\n\nABC has cancelled the comedy Paper Kites after a single "
       "season. The network informed the producers that it will not order more episodes.",
       "Paper Kites", "cancelled"},
      {"Northline Will End With Season 5\n\nThe network has renewed Northline for a fifth and final season. The "
       "creators said they always planned to end the story there.",
       "Northline", "ended"},
  };
  for (const Case& c : cases) {
    const Document doc = tokenizer.tokenize(c.text);
    EXPECT_EQ(scorer.score(doc, RenewalScorer::subject_from_title(doc, c.show)).status, c.status) << c.text;
  }
}

TEST(RenewalScorer, SampleArticleIsUnconfirmed) {
  const RenewalScorer scorer = RenewalScorer::load_default();
  const Tokenizer tokenizer;
  const std::string text = testing::read_file(testing::source_path("data/samples/rilakkuma-and-kaoru-season-2.txt"));
  const Document doc = tokenizer.tokenize(text);
  const RenewalResult r = scorer.score(doc, RenewalScorer::subject_from_title(doc, "Rilakkuma and Kaoru"));
  EXPECT_EQ(r.status, "unconfirmed");
  EXPECT_TRUE(r.outlook.has_value());
}

// The scorer looks features up by ids and precomputed tables; training sees them by name. Scoring
// an article by name from the model file's weights must give what the scorer gives.
TEST(RenewalScorer, ScoresAsTheModelFileSaysFeatureByFeature) {
  const RenewalScorer scorer = RenewalScorer::load_default();
  // The model file: a header (format, version, features, temperature), then name and weights.
  std::istringstream file(scorer.to_string());
  std::string line;
  std::getline(file, line);
  const double temperature = std::stod(line.substr(line.rfind('\t') + 1));
  std::map<std::string, std::vector<double>> weights;
  while (std::getline(file, line)) {
    std::istringstream cols(line);
    std::string name, w;
    std::getline(cols, name, '\t');
    while (std::getline(cols, w, '\t')) weights[name].push_back(std::stod(w));
  }
  ASSERT_GT(weights.size(), 1000u);

  std::vector<std::string> texts;
  for (const char* dir : {"data/samples", "data/eval/articles"})
    for (const auto& e : std::filesystem::directory_iterator(testing::source_path(dir)))
      if (e.path().extension() == ".txt") texts.push_back(testing::read_file(e.path().string()));
  ASSERT_GT(texts.size(), 10u);
  std::string long_article;  // many articles in one: runs of tokens, evidence across them
  for (const std::string& t : texts) long_article += t + "\n\n";
  texts.push_back(long_article);

  const Tokenizer tokenizer;
  const EntityExtractor entities;
  for (const std::string& text : texts) {
    const Document doc = tokenizer.tokenize(text);
    const EntityResult found = entities.extract(doc);
    RenewalSubject subject;
    subject.main_show = found.main_show_spans;
    subject.other_shows = found.other_show_spans;
    // By name: sums of the model's features, log1p, unit length apart from the bias.
    std::map<std::string, double> sums;
    for (const CueFeature& f : renewal_cue_features(doc, subject))
      if (weights.count(f.name)) sums[f.name] += f.value;
    double norm = 0;
    for (auto& [name, sum] : sums) {
      sum = std::log1p(sum);
      if (name != "bias") norm += sum * sum;
    }
    norm = std::sqrt(norm);
    std::vector<double> logits(6, 0.0);
    double likelihood_logit = 0;
    for (const auto& [name, value] : sums) {
      const double v = name != "bias" && norm > 0 ? value / norm : value;
      for (int c = 0; c < 6; ++c) logits[c] += v * weights[name][c];
      likelihood_logit += v * weights[name][6] * temperature;
    }
    const RenewalResult r = scorer.score(doc, subject);
    EXPECT_NEAR(r.likelihood, 1 / (1 + std::exp(-likelihood_logit)), 1e-4) << text.substr(0, 80);
    const double top = *std::max_element(logits.begin(), logits.end());
    double total = 0;
    for (double& z : logits) total += z = std::exp(z - top);
    EXPECT_NEAR(r.status_probabilities[0], logits[0] / total, 1e-4) << text.substr(0, 80);
    EXPECT_NEAR(r.status_probabilities[1], logits[1] / total, 1e-4) << text.substr(0, 80);
    EXPECT_NEAR(r.status_probabilities[3], (logits[3] + logits[4] + logits[5]) / total, 1e-4) << text.substr(0, 80);
  }
}

}  // namespace
}  // namespace greenlight
