// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// greenlight/eigen.h: feature rows as Eigen sparse vectors and row-major batches.

#include "greenlight/eigen.h"

#include <gtest/gtest.h>

#include "greenlight/tokenizer.h"

namespace greenlight {
namespace {

TEST(EigenAdapter, RowsAndBatchesKeepEveryBucketAndValue) {
  const Tokenizer tokenizer;
  FeatureOptions options;
  options.hash_bits = 16;
  const FeatureExtractor features(options);
  const std::vector<SparseRow> rows = {features.extract(tokenizer.tokenize("The finale was not good.")),
                                       features.extract(tokenizer.tokenize("Netflix renewed it."))};
  ASSERT_FALSE(rows[0].empty());

  const Eigen::SparseVector<float> x = to_eigen(rows[0], options.hash_bits);
  EXPECT_EQ(x.size(), 1 << 16);
  EXPECT_EQ(x.nonZeros(), static_cast<Eigen::Index>(rows[0].size()));
  for (const auto& [bucket, value] : rows[0]) EXPECT_FLOAT_EQ(x.coeff(bucket), value);

  const Eigen::SparseMatrix<float, Eigen::RowMajor> batch = to_eigen(rows, options.hash_bits);
  EXPECT_EQ(batch.rows(), 2);
  EXPECT_EQ(batch.cols(), 1 << 16);
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (const auto& [bucket, value] : rows[i]) EXPECT_FLOAT_EQ(batch.coeff(static_cast<Eigen::Index>(i), bucket), value);
  // A dot product with a weight vector, as a caller's own model would do it.
  const Eigen::VectorXf weights = Eigen::VectorXf::Ones(1 << 16);
  const Eigen::VectorXf sums = batch * weights;
  float expected = 0;
  for (const auto& [bucket, value] : rows[1]) expected += value;
  EXPECT_FLOAT_EQ(sums[1], expected);
}

}  // namespace
}  // namespace greenlight
