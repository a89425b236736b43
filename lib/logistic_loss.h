// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0
//
// The training objective of LinearModel (private; the tests check its gradient numerically).

#ifndef GREENLIGHT_LIB_LOGISTIC_LOSS_H_
#define GREENLIGHT_LIB_LOGISTIC_LOSS_H_

#include <Eigen/Dense>
#include <Eigen/Sparse>
#include <vector>

namespace greenlight {

using TrainMatrix = Eigen::SparseMatrix<double, Eigen::RowMajor>;

// Rows x (n x d), class indices y, row weights c (summing to 1), K classes, L2 penalty l2.
// Parameters theta = [W column-major (d x K); b (K)].
struct LogisticProblem {
  const TrainMatrix* x = nullptr;
  const std::vector<int>* y = nullptr;
  Eigen::VectorXd c;
  int k = 2;
  double l2 = 0;
  const Eigen::VectorXd* prior = nullptr;  // W0 (d*K): the penalty becomes l2/2 ||W - W0||^2

  Eigen::Index num_parameters() const { return x->cols() * k + k; }
};

// sum_i c_i (logsumexp(z_i) - z_i[y_i]) + l2/2 ||W - W0||^2 (W0 = 0 without a prior), with z_i = x_i W + b. Writes the gradient
// when `grad` is not null.
double logistic_loss(const LogisticProblem& problem, const Eigen::VectorXd& theta, Eigen::VectorXd* grad);

}  // namespace greenlight

#endif  // GREENLIGHT_LIB_LOGISTIC_LOSS_H_
