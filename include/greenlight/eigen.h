// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// Feature rows as Eigen sparse types, for callers who do their own linear algebra on greenlight's
// features. The rest of the public API stays free of Eigen; include this header (and have Eigen 3
// on the include path) only where you want them.
//
//   const greenlight::SparseRow row = features.extract(doc);
//   Eigen::SparseVector<float> x = greenlight::to_eigen(row, features.options().hash_bits);
//   Eigen::SparseMatrix<float, Eigen::RowMajor> batch = greenlight::to_eigen(rows, hash_bits);
//   Eigen::VectorXf scores = batch * weights;

#ifndef GREENLIGHT_EIGEN_H_
#define GREENLIGHT_EIGEN_H_

#include <Eigen/Sparse>
#include <cstdint>
#include <vector>

#include "greenlight/features.h"

namespace greenlight {

// One row, of dimension 2^hash_bits.
inline Eigen::SparseVector<float> to_eigen(const SparseRow& row, int hash_bits) {
  Eigen::SparseVector<float> out(Eigen::Index{1} << hash_bits);
  out.reserve(static_cast<Eigen::Index>(row.size()));
  for (const auto& [bucket, value] : row) out.insert(static_cast<Eigen::Index>(bucket)) = value;
  return out;
}

// A batch: one row per input, 2^hash_bits columns, row-major so that rows stay contiguous.
inline Eigen::SparseMatrix<float, Eigen::RowMajor> to_eigen(const std::vector<SparseRow>& rows, int hash_bits) {
  Eigen::SparseMatrix<float, Eigen::RowMajor> out(static_cast<Eigen::Index>(rows.size()), Eigen::Index{1} << hash_bits);
  std::vector<Eigen::Triplet<float>> triplets;
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (const auto& [bucket, value] : rows[i])
      triplets.emplace_back(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(bucket), value);
  out.setFromTriplets(triplets.begin(), triplets.end());
  return out;
}

}  // namespace greenlight

#endif  // GREENLIGHT_EIGEN_H_
