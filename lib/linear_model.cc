// Copyright greenlight authors. SPDX-License-Identifier: Apache-2.0

#include "greenlight/linear_model.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <mutex>
#include <numeric>
#include <random>
#include <sstream>
#include <unordered_map>

#include "greenlight/error.h"
#include "logistic_loss.h"

namespace greenlight {

// ---------------------------------------------------------------------------------------------
// The objective.

double logistic_loss(const LogisticProblem& p, const Eigen::VectorXd& theta, Eigen::VectorXd* grad) {
  const TrainMatrix& x = *p.x;
  const Eigen::Index n = x.rows(), d = x.cols(), k = p.k;
  const Eigen::Map<const Eigen::MatrixXd> w(theta.data(), d, k);
  const Eigen::Map<const Eigen::RowVectorXd> b(theta.data() + d * k, k);
  Eigen::MatrixXd z = x * w;
  z.rowwise() += b;
  double loss = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double m = z.row(i).maxCoeff();
    double sum = 0;
    for (Eigen::Index j = 0; j < k; ++j) sum += std::exp(z(i, j) - m);
    const double lse = m + std::log(sum);
    loss += p.c[i] * (lse - z(i, (*p.y)[i]));
    if (grad) {
      // z becomes the residual c_i (p_i - y_i).
      for (Eigen::Index j = 0; j < k; ++j) z(i, j) = p.c[i] * std::exp(z(i, j) - lse);
      z(i, (*p.y)[i]) -= p.c[i];
    }
  }
  if (p.prior) {
    const Eigen::Map<const Eigen::MatrixXd> w0(p.prior->data(), d, k);
    loss += 0.5 * p.l2 * (w - w0).squaredNorm();
  } else {
    loss += 0.5 * p.l2 * w.squaredNorm();
  }
  if (grad) {
    grad->resize(theta.size());
    Eigen::Map<Eigen::MatrixXd> gw(grad->data(), d, k);
    gw.noalias() = x.transpose() * z;
    if (p.prior) gw += p.l2 * (w - Eigen::Map<const Eigen::MatrixXd>(p.prior->data(), d, k));
    else gw += p.l2 * w;
    Eigen::Map<Eigen::RowVectorXd>(grad->data() + d * k, k) = z.colwise().sum();
  }
  return loss;
}

// ---------------------------------------------------------------------------------------------
// The model.

struct LinearModel::Impl {
  FeatureOptions features;
  std::string task;
  std::vector<std::string> labels;
  double temperature = 1.0;
  std::vector<float> intercept;       // K
  std::vector<std::uint32_t> buckets;  // sorted
  std::vector<float> weights;          // buckets.size() x K, feature-major
  // Names for explanations. A loaded model keeps the file's names section as bytes and parses it
  // on first use: most programs never explain, and parsing costs more than the rest of loading.
  mutable FeatureNames names;
  mutable std::string names_raw;
  mutable std::once_flag names_once;
  const FeatureNames& get_names() const {
    std::call_once(names_once, [this] {
      std::string_view rest = names_raw;
      while (rest.size() >= 6) {
        std::uint32_t bucket = 0;
        std::uint16_t size = 0;
        for (int i = 3; i >= 0; --i) bucket = bucket << 8 | static_cast<unsigned char>(rest[i]);
        size = static_cast<std::uint16_t>(static_cast<unsigned char>(rest[4]) | static_cast<unsigned char>(rest[5]) << 8);
        names.add(bucket, rest.substr(6, size));
        rest.remove_prefix(6 + std::min<std::size_t>(size, rest.size() - 6));
      }
      std::string().swap(names_raw);
    });
    return names;
  }
  // Bucket -> row of `weights`. Up to 2^22 buckets (or when it is no larger than the table), a
  // rank directory: one bit per bucket, and per 64 buckets the number of stored buckets before
  // them, so a bucket's row is the count of set bits below its own. A lookup is two independent
  // loads from 1.5 bits per bucket (768 KB at 2^22) and no probing; a miss, the common case for
  // the n-grams of unseen text, reads one bit. Larger spaces use an open-addressing table.
  std::vector<std::uint64_t> rank_bits;
  std::vector<std::uint32_t> rank_base;
  std::vector<std::uint32_t> table_keys;
  std::vector<std::uint32_t> table_rows;
  std::uint32_t table_mask = 0;
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFFu;

  int k() const { return static_cast<int>(labels.size()); }

  void build_table() {
    std::size_t capacity = 16;
    while (capacity < buckets.size() * 2) capacity <<= 1;
    const std::size_t words = ((std::size_t{1} << features.hash_bits) + 63) / 64;
    rank_bits.clear();
    rank_base.clear();
    table_keys.clear();
    table_rows.clear();
    if (features.hash_bits <= 22 || words * 12 <= capacity * 8) {
      rank_bits.assign(words, 0);
      rank_base.assign(words, 0);
      for (const std::uint32_t b : buckets) rank_bits[b >> 6] |= std::uint64_t{1} << (b & 63);
      std::uint32_t before = 0;
      for (std::size_t i = 0; i < words; ++i) {
        rank_base[i] = before;
        before += static_cast<std::uint32_t>(popcount(rank_bits[i]));
      }
      return;
    }
    table_keys.assign(capacity, kEmpty);
    table_rows.assign(capacity, 0);
    table_mask = static_cast<std::uint32_t>(capacity - 1);
    for (std::size_t r = 0; r < buckets.size(); ++r) {
      std::uint32_t slot = slot_of(buckets[r]);
      while (table_keys[slot] != kEmpty) slot = (slot + 1) & table_mask;
      table_keys[slot] = buckets[r];
      table_rows[slot] = static_cast<std::uint32_t>(r);
    }
  }
  // std::popcount compiles to a library call unless the target has POPCNT.
  static int popcount(std::uint64_t x) {
    x -= (x >> 1) & 0x5555555555555555ull;
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return static_cast<int>((x * 0x0101010101010101ull) >> 56);
  }
  std::uint32_t slot_of(std::uint32_t bucket) const {
    return static_cast<std::uint32_t>((bucket * 2654435761u) >> 7) & table_mask;
  }
  // Row of `weights` for a bucket, or -1.
  long find(std::uint32_t bucket) const {
    if (!rank_bits.empty()) {
      const std::size_t i = bucket >> 6;
      if (i >= rank_bits.size()) return -1;
      const std::uint64_t bit = std::uint64_t{1} << (bucket & 63);
      const std::uint64_t word = rank_bits[i];
      if (!(word & bit)) return -1;
      return static_cast<long>(rank_base[i]) + popcount(word & (bit - 1));
    }
    for (std::uint32_t slot = slot_of(bucket);; slot = (slot + 1) & table_mask) {
      const std::uint32_t key = table_keys[slot];
      if (key == bucket) return table_rows[slot];
      if (key == kEmpty) return -1;
    }
  }
  // Uncalibrated scores, summed in the order of x. In a whole analysis the model's tables are
  // rarely in cache: the rank directory of the features a few places ahead is prefetched, so
  // their lookups overlap with the work on this one.
  void scores(const SparseRow& x, double* z) const {
    const int kk = k();
    for (int j = 0; j < kk; ++j) z[j] = intercept[j];
    constexpr std::size_t kAhead = 8;
    const std::size_t n = x.size();
    if (!rank_bits.empty())
      for (std::size_t i = 0; i < std::min(n, kAhead); ++i) prefetch_rank(x[i].first);
    for (std::size_t i = 0; i < n; ++i) {
      if (i + kAhead < n && !rank_bits.empty()) prefetch_rank(x[i + kAhead].first);
      const long r = find(x[i].first);
      if (r < 0) continue;
      const float value = x[i].second;
      const float* w = &weights[static_cast<std::size_t>(r) * kk];
      if (kk == 3) {  // the sentiment models: the class loop unrolled
        z[0] += value * w[0];
        z[1] += value * w[1];
        z[2] += value * w[2];
      } else {
        for (int j = 0; j < kk; ++j) z[j] += value * w[j];
      }
    }
  }
  void prefetch_rank(std::uint32_t bucket) const {
    const std::size_t i = std::min<std::size_t>(bucket >> 6, rank_bits.size() - 1);
    __builtin_prefetch(&rank_bits[i]);
    __builtin_prefetch(&rank_base[i]);
  }
};

LinearModel::LinearModel(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
LinearModel::~LinearModel() = default;

const std::vector<std::string>& LinearModel::labels() const { return impl_->labels; }
const FeatureOptions& LinearModel::feature_options() const { return impl_->features; }
const std::string& LinearModel::task() const { return impl_->task; }
double LinearModel::temperature() const { return impl_->temperature; }
std::size_t LinearModel::num_features() const { return impl_->buckets.size(); }

std::vector<double> LinearModel::logits(const SparseRow& x) const {
  std::vector<double> z(impl_->k());
  impl_->scores(x, z.data());
  for (double& v : z) v /= impl_->temperature;
  return z;
}

namespace {

void softmax_in_place(std::span<double> z) {
  const double m = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (double& v : z) sum += (v = std::exp(v - m));
  for (double& v : z) v /= sum;
}

}  // namespace

std::vector<double> LinearModel::predict_proba(const SparseRow& x) const {
  std::vector<double> z = logits(x);
  softmax_in_place(z);
  return z;
}

void LinearModel::predict_proba(const SparseRow& x, std::span<double> out) const {
  if (out.size() != impl_->labels.size())
    throw Error("predict_proba: the output holds " + std::to_string(out.size()) + " values; the model has " +
                std::to_string(impl_->labels.size()) + " labels");
  impl_->scores(x, out.data());
  for (double& v : out) v /= impl_->temperature;
  softmax_in_place(out);
}

int LinearModel::predict(const SparseRow& x) const {
  double z[64];
  std::vector<double> big;
  double* s = z;
  if (impl_->k() > 64) {
    big.resize(impl_->k());
    s = big.data();
  }
  impl_->scores(x, s);
  return static_cast<int>(std::max_element(s, s + impl_->k()) - s);
}

Explanation LinearModel::explain(const SparseRow& x, std::size_t top_k, int label) const {
  const Impl& m = *impl_;
  const int k = m.k();
  if (label < 0) label = predict(x);
  if (label >= k) throw Error("explain: label " + std::to_string(label) + " out of range (model has " + std::to_string(k) + ")");
  // For two classes, explain the log-odds of `label` against the other one.
  const int other = k == 2 ? 1 - label : -1;
  const double t = m.temperature;
  Explanation e;
  e.label = label;
  e.bias = (m.intercept[label] - (other >= 0 ? m.intercept[other] : 0.0)) / t;
  std::vector<Contribution> all;
  for (const auto& [bucket, value] : x) {
    const long r = m.find(bucket);
    if (r < 0) continue;
    const float* w = &m.weights[static_cast<std::size_t>(r) * k];
    const double c = value * (w[label] - (other >= 0 ? w[other] : 0.0)) / t;
    if (c != 0) all.push_back({bucket, std::string(), c});
  }
  std::sort(all.begin(), all.end(), [](const Contribution& a, const Contribution& b) {
    return std::abs(a.value) != std::abs(b.value) ? std::abs(a.value) > std::abs(b.value) : a.bucket < b.bucket;
  });
  double sum = e.bias;
  for (std::size_t i = 0; i < all.size(); ++i) {
    sum += all[i].value;
    if (i < top_k) {
      all[i].name = m.get_names().name(all[i].bucket);
      e.contributions.push_back(std::move(all[i]));
    } else {
      e.rest += all[i].value;
    }
  }
  e.logit = sum;
  return e;
}

// ---------------------------------------------------------------------------------------------
// Training.

namespace {

struct Compact {
  std::vector<std::uint32_t> buckets;  // column -> bucket
  std::unordered_map<std::uint32_t, std::uint32_t> column;  // bucket -> column
};

Compact compact_columns(const Dataset& data, int min_count) {
  std::unordered_map<std::uint32_t, std::uint32_t> count;
  for (const SparseRow& r : data.rows)
    for (const auto& [b, v] : r)
      if (v != 0) ++count[b];
  Compact c;
  for (const auto& [b, n] : count)
    if (static_cast<int>(n) >= min_count) c.buckets.push_back(b);
  std::sort(c.buckets.begin(), c.buckets.end());
  c.column.reserve(c.buckets.size());
  for (std::size_t i = 0; i < c.buckets.size(); ++i) c.column[c.buckets[i]] = static_cast<std::uint32_t>(i);
  return c;
}

TrainMatrix to_matrix(const Dataset& data, const Compact& c, const std::vector<double>& scale) {
  std::vector<Eigen::Triplet<double>> t;
  std::size_t nnz = 0;
  for (const SparseRow& r : data.rows) nnz += r.size();
  t.reserve(nnz);
  for (std::size_t i = 0; i < data.rows.size(); ++i)
    for (const auto& [b, v] : data.rows[i]) {
      const auto it = c.column.find(b);
      if (it != c.column.end()) t.emplace_back(static_cast<int>(i), static_cast<int>(it->second), v * scale[it->second]);
    }
  TrainMatrix m(static_cast<Eigen::Index>(data.rows.size()), static_cast<Eigen::Index>(c.buckets.size()));
  m.setFromTriplets(t.begin(), t.end());
  m.makeCompressed();
  return m;
}

void check_dataset(const Dataset& d, int k, const char* what) {
  if (d.rows.size() != d.labels.size())
    throw Error(std::string(what) + " set: " + std::to_string(d.rows.size()) + " rows but " +
                std::to_string(d.labels.size()) + " labels");
  if (!d.weights.empty() && d.weights.size() != d.rows.size())
    throw Error(std::string(what) + " set: " + std::to_string(d.rows.size()) + " rows but " +
                std::to_string(d.weights.size()) + " weights");
  for (std::size_t i = 0; i < d.labels.size(); ++i)
    if (d.labels[i] < 0 || d.labels[i] >= k)
      throw Error(std::string(what) + " set, row " + std::to_string(i) + ": label " + std::to_string(d.labels[i]) +
                  " outside 0.." + std::to_string(k - 1));
}

Eigen::VectorXd row_weights(const Dataset& d, const TrainOptions& o) {
  Eigen::VectorXd c(static_cast<Eigen::Index>(d.rows.size()));
  for (std::size_t i = 0; i < d.rows.size(); ++i) {
    double w = d.weights.empty() ? 1.0 : d.weights[i];
    if (!o.class_weights.empty()) w *= o.class_weights.at(d.labels[i]);
    c[static_cast<Eigen::Index>(i)] = w;
  }
  const double sum = c.sum();
  if (!(sum > 0)) throw Error("training set: row weights sum to " + std::to_string(sum));
  return c / sum;
}

// Accuracy and mean log loss on the dev set of parameters theta.
struct DevScore {
  double accuracy = 0, loss = 0;
  bool better_than(const DevScore& o) const {
    return accuracy > o.accuracy + 1e-12 || (std::abs(accuracy - o.accuracy) <= 1e-12 && loss < o.loss);
  }
};

DevScore dev_score(const TrainMatrix& x, const std::vector<int>& y, int k, const Eigen::VectorXd& theta) {
  const Eigen::Index d = x.cols();
  const Eigen::Map<const Eigen::MatrixXd> w(theta.data(), d, k);
  const Eigen::Map<const Eigen::RowVectorXd> b(theta.data() + d * k, k);
  Eigen::MatrixXd z = x * w;
  z.rowwise() += b;
  DevScore s;
  for (Eigen::Index i = 0; i < z.rows(); ++i) {
    Eigen::Index arg;
    const double m = z.row(i).maxCoeff(&arg);
    s.accuracy += arg == y[i];
    s.loss += m + std::log((z.row(i).array() - m).exp().sum()) - z(i, y[i]);
  }
  s.accuracy /= std::max<Eigen::Index>(1, z.rows());
  s.loss /= std::max<Eigen::Index>(1, z.rows());
  return s;
}

// The temperature minimizing dev log loss (golden-section search on log T).
double fit_temperature(const Eigen::MatrixXd& z, const std::vector<int>& y) {
  auto nll = [&](double log_t) {
    const double t = std::exp(log_t);
    double s = 0;
    for (Eigen::Index i = 0; i < z.rows(); ++i) {
      const Eigen::RowVectorXd r = z.row(i) / t;
      const double m = r.maxCoeff();
      s += m + std::log((r.array() - m).exp().sum()) - r[y[i]];
    }
    return s;
  };
  double a = std::log(0.05), b = std::log(20.0);
  const double g = (std::sqrt(5.0) - 1) / 2;
  double c = b - g * (b - a), d = a + g * (b - a);
  double fc = nll(c), fd = nll(d);
  for (int it = 0; it < 60; ++it) {
    if (fc < fd) {
      b = d, d = c, fd = fc;
      c = b - g * (b - a), fc = nll(c);
    } else {
      a = c, c = d, fc = fd;
      d = a + g * (b - a), fd = nll(d);
    }
  }
  return std::exp((a + b) / 2);
}

// Early stopping bookkeeping shared by the solvers.
struct Monitor {
  const TrainMatrix* dev_x = nullptr;
  const std::vector<int>* dev_y = nullptr;
  int k = 2;
  const TrainOptions* o = nullptr;
  Eigen::VectorXd best;
  DevScore best_score{-1, 0};
  int checks_without_gain = 0;

  // Returns true to stop.
  bool check(int iteration, const Eigen::VectorXd& theta) {
    if (!dev_x || !o->early_stopping || iteration % o->eval_every != 0) return false;
    const DevScore s = dev_score(*dev_x, *dev_y, k, theta);
    if (o->log) *o->log << "  iteration " << iteration << ": dev accuracy " << s.accuracy << ", loss " << s.loss << "\n";
    if (s.better_than(best_score)) {
      best_score = s;
      best = theta;
      checks_without_gain = 0;
      return false;
    }
    return ++checks_without_gain >= o->patience;
  }
  void finish(Eigen::VectorXd& theta) {
    if (!dev_x || !o->early_stopping || best.size() == 0) return;
    if (dev_score(*dev_x, *dev_y, k, theta).better_than(best_score)) return;
    theta = best;
  }
};

double l1_norm_of_weights(const Eigen::VectorXd& theta, Eigen::Index nw) { return theta.head(nw).lpNorm<1>(); }

// L-BFGS; OWL-QN (Andrew & Gao 2007) when l1 > 0, with the intercepts left unpenalized.
void lbfgs(const LogisticProblem& p, const TrainOptions& o, Monitor& monitor, Eigen::VectorXd& x) {
  const Eigen::Index np = p.num_parameters(), nw = p.x->cols() * p.k;
  const double l1 = o.l1;
  Eigen::VectorXd g;
  double f = logistic_loss(p, x, &g) + l1 * l1_norm_of_weights(x, nw);
  std::vector<Eigen::VectorXd> s_hist, y_hist;
  std::vector<double> rho;
  auto pseudo_gradient = [&](const Eigen::VectorXd& xx, const Eigen::VectorXd& gg) {
    if (l1 == 0) return gg;
    Eigen::VectorXd pg = gg;
    for (Eigen::Index i = 0; i < nw; ++i) {
      if (xx[i] > 0) pg[i] = gg[i] + l1;
      else if (xx[i] < 0) pg[i] = gg[i] - l1;
      else if (gg[i] + l1 < 0) pg[i] = gg[i] + l1;
      else if (gg[i] - l1 > 0) pg[i] = gg[i] - l1;
      else pg[i] = 0;
    }
    return pg;
  };
  for (int iter = 1; iter <= o.max_iterations; ++iter) {
    const Eigen::VectorXd pg = pseudo_gradient(x, g);
    if (pg.norm() < 1e-10) break;
    // Two-loop recursion.
    Eigen::VectorXd q = pg;
    const std::size_t m = s_hist.size();
    std::vector<double> alpha(m);
    for (std::size_t i = m; i-- > 0;) {
      alpha[i] = rho[i] * s_hist[i].dot(q);
      q -= alpha[i] * y_hist[i];
    }
    if (m > 0) q *= s_hist.back().dot(y_hist.back()) / y_hist.back().squaredNorm();
    for (std::size_t i = 0; i < m; ++i) {
      const double beta = rho[i] * y_hist[i].dot(q);
      q += (alpha[i] - beta) * s_hist[i];
    }
    Eigen::VectorXd dir = -q;
    if (l1 > 0)
      for (Eigen::Index i = 0; i < nw; ++i)
        if (dir[i] * pg[i] >= 0) dir[i] = 0;  // keep to the descent orthant
    double dir_deriv = dir.dot(pg);
    if (dir_deriv >= 0) {  // not a descent direction: restart from the gradient
      s_hist.clear(), y_hist.clear(), rho.clear();
      dir = -pg;
      dir_deriv = dir.dot(pg);
    }
    double step = m == 0 ? std::min(1.0, 1.0 / pg.norm()) : 1.0;
    Eigen::VectorXd x_new, g_new;
    double f_new = f;
    bool accepted = false;
    for (int ls = 0; ls < 40; ++ls) {
      x_new = x + step * dir;
      if (l1 > 0)
        for (Eigen::Index i = 0; i < nw; ++i) {
          const double orthant = x[i] != 0 ? x[i] : -pg[i];
          if (x_new[i] * orthant <= 0) x_new[i] = 0;
        }
      f_new = logistic_loss(p, x_new, &g_new) + l1 * l1_norm_of_weights(x_new, nw);
      if (f_new <= f + 1e-4 * pg.dot(x_new - x)) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    Eigen::VectorXd s = x_new - x, y = g_new - g;
    const double sy = s.dot(y);
    if (sy > 1e-12) {
      if (static_cast<int>(s_hist.size()) == o.lbfgs_memory) {
        s_hist.erase(s_hist.begin()), y_hist.erase(y_hist.begin()), rho.erase(rho.begin());
      }
      s_hist.push_back(std::move(s)), y_hist.push_back(std::move(y)), rho.push_back(1.0 / sy);
    }
    const double decrease = (f - f_new) / std::max(1.0, std::abs(f));
    x.swap(x_new), g.swap(g_new), f = f_new;
    if (o.log && iter % 10 == 0) *o.log << "  iteration " << iter << ": loss " << f << "\n";
    if (monitor.check(iter, x)) break;
    if (decrease < o.tolerance) break;
  }
  (void)np;
}

// AdaGrad SGD over the rows in a shuffled order per epoch; lazy L2, proximal L1.
void adagrad(const LogisticProblem& p, const TrainOptions& o, Monitor& monitor, Eigen::VectorXd& theta) {
  const TrainMatrix& x = *p.x;
  const Eigen::Index n = x.rows(), d = x.cols(), k = p.k;
  Eigen::VectorXd g2 = Eigen::VectorXd::Constant(theta.size(), 1e-8);
  std::vector<Eigen::Index> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(o.seed);
  std::vector<double> z(k);
  const double scale = static_cast<double>(n);  // c sums to 1: scale back to per-row weights near 1
  for (int epoch = 1; epoch <= o.max_iterations; ++epoch) {
    // A Fisher-Yates shuffle written out: std::shuffle's algorithm differs between libraries.
    for (Eigen::Index i = n - 1; i > 0; --i) std::swap(order[i], order[rng() % static_cast<std::uint64_t>(i + 1)]);
    for (const Eigen::Index i : order) {
      for (Eigen::Index j = 0; j < k; ++j) z[j] = theta[d * k + j];
      for (TrainMatrix::InnerIterator it(x, i); it; ++it)
        for (Eigen::Index j = 0; j < k; ++j) z[j] += it.value() * theta[it.col() + j * d];
      const double m = *std::max_element(z.begin(), z.end());
      double sum = 0;
      for (double& v : z) sum += (v = std::exp(v - m));
      const double ci = p.c[i] * scale;
      for (Eigen::Index j = 0; j < k; ++j) z[j] = ci * (z[j] / sum - (j == (*p.y)[i] ? 1.0 : 0.0));
      for (TrainMatrix::InnerIterator it(x, i); it; ++it)
        for (Eigen::Index j = 0; j < k; ++j) {
          const Eigen::Index at = it.col() + j * d;
          const double grad = it.value() * z[j] + p.l2 * theta[at];
          g2[at] += grad * grad;
          const double lr = o.learning_rate / std::sqrt(g2[at]);
          double w = theta[at] - lr * grad;
          if (o.l1 > 0) w = w > 0 ? std::max(0.0, w - lr * o.l1) : std::min(0.0, w + lr * o.l1);
          theta[at] = w;
        }
      for (Eigen::Index j = 0; j < k; ++j) {
        const Eigen::Index at = d * k + j;
        g2[at] += z[j] * z[j];
        theta[at] -= o.learning_rate / std::sqrt(g2[at]) * z[j];
      }
    }
    if (o.log) *o.log << "  epoch " << epoch << ": loss " << logistic_loss(p, theta, nullptr) << "\n";
    if (monitor.check(epoch, theta)) break;
  }
}

}  // namespace

LinearModel LinearModel::train(const Dataset& train, const Dataset* dev, std::vector<std::string> labels,
                               const FeatureOptions& features, const TrainOptions& o, const FeatureNames* names) {
  const int k = static_cast<int>(labels.size());
  if (k < 2) throw Error("train: need at least 2 labels, got " + std::to_string(k));
  if (train.rows.empty()) throw Error("train: the training set is empty");
  check_dataset(train, k, "training");
  if (dev) check_dataset(*dev, k, "dev");
  if (!o.class_weights.empty() && static_cast<int>(o.class_weights.size()) != k)
    throw Error("train: " + std::to_string(o.class_weights.size()) + " class weights for " + std::to_string(k) + " labels");
  if (o.eval_every < 1 || o.patience < 1 || o.max_iterations < 0 || o.lbfgs_memory < 1)
    throw Error("train: eval_every, patience and lbfgs_memory must be >= 1, max_iterations >= 0");

  const Compact columns = compact_columns(train, std::max(1, o.min_count));
  const std::size_t d = columns.buckets.size();
  std::vector<double> scale(d, 1.0);
  if (o.nb_scaling) {
    // Rows of each class holding each feature.
    std::vector<double> count(d * k, 0.0);
    for (std::size_t i = 0; i < train.rows.size(); ++i)
      for (const auto& [b, v] : train.rows[i]) {
        const auto it = columns.column.find(b);
        if (it != columns.column.end() && v != 0) count[it->second * k + train.labels[i]] += 1;
      }
    std::vector<double> total(k, 0.0);
    for (std::size_t j = 0; j < d; ++j)
      for (int c = 0; c < k; ++c) total[c] += count[j * k + c] + o.nb_alpha;
    const double all = std::accumulate(total.begin(), total.end(), 0.0);
    for (std::size_t j = 0; j < d; ++j) {
      double row_sum = 0;
      for (int c = 0; c < k; ++c) row_sum += count[j * k + c] + o.nb_alpha;
      double best = 0;
      for (int c = 0; c < k; ++c) {
        const double pc = (count[j * k + c] + o.nb_alpha) / total[c];
        const double qc = (row_sum - count[j * k + c] - o.nb_alpha) / (all - total[c]);
        best = std::max(best, std::abs(std::log(pc / qc)));
      }
      scale[j] = best;
    }
  }

  const TrainMatrix x = to_matrix(train, columns, scale);
  LogisticProblem problem;
  problem.x = &x;
  problem.y = &train.labels;
  problem.c = row_weights(train, o);
  problem.k = k;
  problem.l2 = o.l2;
  if (o.log)
    *o.log << "training: " << x.rows() << " rows, " << d << " features, " << x.nonZeros() << " nonzeros, " << k
           << " labels\n";

  TrainMatrix dev_x;
  Monitor monitor;
  monitor.k = k;
  monitor.o = &o;
  if (dev && !dev->rows.empty()) {
    dev_x = to_matrix(*dev, columns, scale);
    monitor.dev_x = &dev_x;
    monitor.dev_y = &dev->labels;
  }
  Eigen::VectorXd theta = Eigen::VectorXd::Zero(problem.num_parameters());
  Eigen::VectorXd prior_weights;
  std::vector<int> prior_class;  // class of this model -> class of the prior, or -1
  if (o.prior) {
    // Weights of the prior in the scaled space of this training run; training starts there.
    const Impl& pm = *o.prior->impl_;
    if (!(pm.features == features)) throw Error("train: the prior model was trained with other feature options");
    // Classes are matched by name; a class the prior lacks starts from zero.
    std::vector<int> from(k, -1);
    for (int c = 0; c < k; ++c)
      for (int q = 0; q < pm.k(); ++q)
        if (pm.labels[q] == labels[c]) from[c] = q;
    prior_class = from;
    prior_weights = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(d) * k);
    for (std::size_t j = 0; j < d; ++j) {
      const long r = pm.find(columns.buckets[j]);
      if (r < 0 || scale[j] == 0) continue;
      for (int c = 0; c < k; ++c)
        if (from[c] >= 0)
          prior_weights[j + c * d] = o.prior_scale * pm.weights[static_cast<std::size_t>(r) * pm.k() + from[c]] / scale[j];
    }
    theta.head(prior_weights.size()) = prior_weights;
    for (int c = 0; c < k; ++c)
      if (from[c] >= 0) theta[d * k + c] = o.prior_scale * pm.intercept[from[c]];
    problem.prior = &prior_weights;
  }
  if (o.solver == TrainOptions::Solver::kLbfgs) lbfgs(problem, o, monitor, theta);
  else adagrad(problem, o, monitor, theta);
  monitor.finish(theta);

  auto impl = std::make_shared<Impl>();
  impl->features = features;
  impl->task = o.task;
  impl->labels = std::move(labels);
  if (dev && !dev->rows.empty() && o.calibrate) {
    const Eigen::Map<const Eigen::MatrixXd> w(theta.data(), static_cast<Eigen::Index>(d), k);
    Eigen::MatrixXd z = dev_x * w;
    z.rowwise() += Eigen::Map<const Eigen::RowVectorXd>(theta.data() + d * k, k);
    impl->temperature = fit_temperature(z, dev->labels);
    if (o.log) *o.log << "temperature " << impl->temperature << "\n";
  }
  impl->intercept.resize(k);
  for (int c = 0; c < k; ++c) impl->intercept[c] = static_cast<float>(theta[d * k + c]);
  // Candidates: every trained feature, plus the prior's features this data never saw (their
  // weights stay the prior's). Kept: those with an effect, the strongest first when the size is
  // capped. Strength is the spread of a feature's weights over the classes (adding the same amount
  // to every class changes nothing).
  struct Candidate {
    std::uint32_t bucket;
    std::vector<float> w;
    double strength;
    const FeatureNames* names;
  };
  std::vector<Candidate> candidates;
  auto add_candidate = [&](std::uint32_t bucket, std::vector<float> w, const FeatureNames* from) {
    const auto [lo, hi] = std::minmax_element(w.begin(), w.end());
    const double spread = static_cast<double>(*hi) - *lo;
    if (spread > 0) candidates.push_back({bucket, std::move(w), spread, from});
  };
  for (std::size_t j = 0; j < d; ++j) {
    std::vector<float> w(k);
    for (int c = 0; c < k; ++c) w[c] = static_cast<float>(theta[j + c * d] * scale[j]);
    add_candidate(columns.buckets[j], std::move(w), names);
  }
  if (o.prior) {
    const Impl& pm = *o.prior->impl_;
    for (std::size_t r = 0; r < pm.buckets.size(); ++r) {
      if (columns.column.count(pm.buckets[r])) continue;
      std::vector<float> w(k, 0.0f);
      for (int c = 0; c < k; ++c)
        if (prior_class[c] >= 0) w[c] = static_cast<float>(o.prior_scale * pm.weights[r * pm.k() + prior_class[c]]);
      add_candidate(pm.buckets[r], std::move(w), &pm.get_names());
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    return a.strength != b.strength ? a.strength > b.strength : a.bucket < b.bucket;
  });
  if (o.max_features > 0 && candidates.size() > o.max_features) candidates.resize(o.max_features);
  for (std::size_t i = 0; i < candidates.size() && i < o.max_names; ++i) {
    if (!candidates[i].names) continue;
    const auto it = candidates[i].names->map().find(candidates[i].bucket);
    if (it != candidates[i].names->map().end())
      for (const std::string& name : it->second) impl->names.add(candidates[i].bucket, name);
  }
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) { return a.bucket < b.bucket; });
  for (const Candidate& c : candidates) {
    impl->buckets.push_back(c.bucket);
    impl->weights.insert(impl->weights.end(), c.w.begin(), c.w.end());
  }
  impl->build_table();
  return LinearModel(std::move(impl));
}

// ---------------------------------------------------------------------------------------------
// The file format.

namespace {

constexpr std::string_view kMagic = "GLLINMOD";

// FNV-1a 64 over little-endian 64-bit words (the last one zero-padded): one multiply per 8 bytes,
// so checking a few megabytes costs well under a millisecond.
std::uint64_t checksum(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w = 0;
    for (int j = 7; j >= 0; --j) w = w << 8 | static_cast<unsigned char>(bytes[i + j]);
    h = (h ^ w) * 1099511628211ull;
  }
  if (i < bytes.size()) {
    std::uint64_t w = 0;
    for (std::size_t j = bytes.size(); j-- > i;) w = w << 8 | static_cast<unsigned char>(bytes[j]);
    h = (h ^ w) * 1099511628211ull;
  }
  return h;
}

class Writer {
 public:
  template <typename T>
  void put(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    unsigned char b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    if constexpr (std::endian::native == std::endian::big) std::reverse(b, b + sizeof(T));
    out.append(reinterpret_cast<const char*>(b), sizeof(T));
  }
  void put_string(std::string_view s) {
    put(static_cast<std::uint32_t>(s.size()));
    out.append(s);
  }
  std::string out;
};

class Reader {
 public:
  Reader(std::string_view bytes, const std::string& name) : bytes_(bytes), name_(name) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(name_ + ": " + what + " (at byte offset " + std::to_string(at_) + ")");
  }
  void need(std::size_t n, const char* field) const {
    if (bytes_.size() - at_ < n)
      throw Error(name_ + ": truncated: " + field + " needs " + std::to_string(n) + " bytes at byte offset " +
                  std::to_string(at_) + " but the file has " + std::to_string(bytes_.size()) + " bytes");
  }
  template <typename T>
  T get(const char* field) {
    need(sizeof(T), field);
    unsigned char b[sizeof(T)];
    std::memcpy(b, bytes_.data() + at_, sizeof(T));
    if constexpr (std::endian::native == std::endian::big) std::reverse(b, b + sizeof(T));
    T v;
    std::memcpy(&v, b, sizeof(T));
    at_ += sizeof(T);
    return v;
  }
  std::string get_string(const char* field, std::size_t max_size) {
    const std::uint32_t n = get<std::uint32_t>(field);
    if (n > max_size) fail(std::string(field) + " claims " + std::to_string(n) + " bytes (at most " + std::to_string(max_size) + ")");
    need(n, field);
    std::string s(bytes_.substr(at_, n));
    at_ += n;
    return s;
  }
  void skip(std::size_t n, const char* field) {
    need(n, field);
    at_ += n;
  }
  std::size_t at() const { return at_; }
  std::size_t left() const { return bytes_.size() - at_; }

 private:
  std::string_view bytes_;
  std::string name_;
  std::size_t at_ = 0;
};

}  // namespace

std::string LinearModel::to_bytes() const {
  const Impl& m = *impl_;
  Writer w;
  w.out.append(kMagic);
  w.put(kFormatVersion);
  w.put(static_cast<std::uint32_t>(m.features.hash_bits));
  w.put(static_cast<std::uint32_t>(m.features.max_ngram));
  w.put(static_cast<std::uint8_t>(m.features.negation));
  w.put(static_cast<std::uint8_t>(m.features.lexicon));
  w.put(static_cast<std::uint8_t>(m.features.binary));
  w.put(static_cast<std::uint8_t>(m.features.skip_punctuation));
  w.put_string(m.task);
  w.put(static_cast<std::uint32_t>(m.labels.size()));
  for (const std::string& l : m.labels) w.put_string(l);
  w.put(m.temperature);
  for (const float b : m.intercept) w.put(b);
  w.put(static_cast<std::uint32_t>(m.buckets.size()));
  for (const std::uint32_t b : m.buckets) w.put(b);
  for (const float v : m.weights) w.put(v);
  // Names in bucket order, so the file is the same whatever order the map iterates in.
  std::vector<std::pair<std::uint32_t, std::string>> names;
  for (const auto& [b, v] : m.get_names().map())
    for (const std::string& s : v) names.emplace_back(b, s.substr(0, 0xFFFF));
  std::sort(names.begin(), names.end());
  w.put(static_cast<std::uint32_t>(names.size()));
  for (const auto& [b, s] : names) {
    w.put(b);
    w.put(static_cast<std::uint16_t>(s.size()));
    w.out.append(s);
  }
  w.put(checksum(w.out));
  return std::move(w.out);
}

void LinearModel::save(const std::string& path) const {
  const std::string bytes = to_bytes();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error(path + ": cannot open for writing: " + std::strerror(errno));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw Error(path + ": write error");
}

LinearModel LinearModel::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path + ": cannot open: " + std::strerror(errno));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw Error(path + ": read error");
  return from_bytes(bytes, path);
}

LinearModel LinearModel::from_bytes(std::string_view bytes, const std::string& name) {
  Reader r(bytes, name);
  if (bytes.size() < kMagic.size() || bytes.substr(0, kMagic.size()) != kMagic)
    throw Error(name + ": not a greenlight linear model (the file does not start with \"GLLINMOD\")");
  r.need(kMagic.size(), "magic");
  for (std::size_t i = 0; i < kMagic.size(); ++i) r.get<char>("magic");
  const std::uint32_t version = r.get<std::uint32_t>("format version");
  if (version != kFormatVersion)
    throw Error(name + ": model format version " + std::to_string(version) + " is not supported (this library reads version " +
                std::to_string(kFormatVersion) + ")");
  // The checksum first: a corrupted file is reported as such, not as whatever field it breaks.
  if (bytes.size() < kMagic.size() + 4 + 8)
    throw Error(name + ": truncated: " + std::to_string(bytes.size()) + " bytes is too short for a model");
  {
    Reader tail(bytes.substr(bytes.size() - 8), name);
    const std::uint64_t stored = tail.get<std::uint64_t>("checksum");
    if (stored != checksum(bytes.substr(0, bytes.size() - 8)))
      throw Error(name + ": checksum mismatch (the file is corrupted or truncated)");
  }
  auto m = std::make_shared<Impl>();
  m->features.hash_bits = static_cast<int>(r.get<std::uint32_t>("hash_bits"));
  m->features.max_ngram = static_cast<int>(r.get<std::uint32_t>("max_ngram"));
  if (m->features.hash_bits < 8 || m->features.hash_bits > 30) r.fail("hash_bits " + std::to_string(m->features.hash_bits) + " outside 8..30");
  if (m->features.max_ngram < 1 || m->features.max_ngram > 5) r.fail("max_ngram " + std::to_string(m->features.max_ngram) + " outside 1..5");
  auto flag = [&](const char* field) {
    const std::uint8_t v = r.get<std::uint8_t>(field);
    if (v > 1) r.fail(std::string(field) + " is " + std::to_string(v) + ", expected 0 or 1");
    return v == 1;
  };
  m->features.negation = flag("negation flag");
  m->features.lexicon = flag("lexicon flag");
  m->features.binary = flag("binary flag");
  m->features.skip_punctuation = flag("skip_punctuation flag");
  m->task = r.get_string("task", 256);
  const std::uint32_t k = r.get<std::uint32_t>("label count");
  if (k < 2 || k > 1024) r.fail("label count " + std::to_string(k) + " outside 2..1024");
  for (std::uint32_t i = 0; i < k; ++i) m->labels.push_back(r.get_string("label", 1024));
  m->temperature = r.get<double>("temperature");
  if (!(m->temperature > 0) || !std::isfinite(m->temperature)) r.fail("temperature is not a positive number");
  for (std::uint32_t i = 0; i < k; ++i) m->intercept.push_back(r.get<float>("intercept"));
  const std::uint32_t n = r.get<std::uint32_t>("feature count");
  r.need(static_cast<std::size_t>(n) * 4, "buckets");
  const std::uint32_t max_bucket = (1u << m->features.hash_bits) - 1;
  m->buckets.reserve(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::uint32_t b = r.get<std::uint32_t>("bucket");
    if (b > max_bucket) r.fail("bucket " + std::to_string(b) + " does not fit in 2^" + std::to_string(m->features.hash_bits));
    if (i > 0 && b <= m->buckets.back()) r.fail("buckets are not strictly increasing");
    m->buckets.push_back(b);
  }
  r.need(static_cast<std::size_t>(n) * k * 4, "weights");
  m->weights.reserve(static_cast<std::size_t>(n) * k);
  for (std::size_t i = 0; i < static_cast<std::size_t>(n) * k; ++i) {
    const float v = r.get<float>("weight");
    if (!std::isfinite(v)) r.fail("weight is not finite");
    m->weights.push_back(v);
  }
  const std::uint32_t names = r.get<std::uint32_t>("name count");
  const std::size_t names_begin = r.at();
  for (std::uint32_t i = 0; i < names; ++i) {
    r.get<std::uint32_t>("name bucket");
    const std::uint16_t size = r.get<std::uint16_t>("name size");
    r.skip(size, "name");
  }
  m->names_raw.assign(bytes.substr(names_begin, r.at() - names_begin));
  if (r.left() != 8)
    r.fail(std::to_string(r.left() - 8) + " unexpected bytes before the checksum");
  m->build_table();
  return LinearModel(std::move(m));
}

}  // namespace greenlight
