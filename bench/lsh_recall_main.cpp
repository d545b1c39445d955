// echotrace_lsh_recall: how well LSH banding finds the pairs it should, on a
// generated corpus with planted near-duplicates (echotrace_gen's truth file).
//
// True pairs: every pair whose exact Jaccard of 5-word shingles reaches the
// threshold, found among (a) all pairs inside planted families and (b) the
// candidates of a very permissive banding (64 bands of 2 rows: a pair at
// J = 0.5 is missed with probability 0.75^64 ≈ 1e-8), each checked exactly.
// Reports, per threshold, the banding the library chooses, its candidate
// count, recall of the true pairs, and candidates per true pair, as JSON.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <set>
#include <unordered_map>

#include <echotrace/io.h>
#include <echotrace/lsh.h>
#include <echotrace/minhash.h>

namespace {

using echotrace::DocPair;

int run(const std::string& corpus, const std::string& truth_path, const std::vector<double>& thresholds,
        int threads) {
  auto reader = echotrace::JsonlReader::open(corpus);
  if (!reader.is_ok()) {
    std::cerr << "echotrace_lsh_recall: " << reader.status().to_string() << "\n";
    return 1;
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::vector<std::uint64_t>> sets;
  std::unordered_map<std::string, std::uint32_t> index;
  const echotrace::MinHasher hasher({}, {});
  echotrace::SignatureSet sigs(hasher.params());
  while (true) {
    auto d = (*reader)->next();
    if (!d.is_ok()) {
      std::cerr << "echotrace_lsh_recall: " << d.status().to_string() << "\n";
      return 1;
    }
    if (!d->has_value()) break;
    index.emplace((**d).id, static_cast<std::uint32_t>(sets.size()));
    sets.push_back(echotrace::shingle_set(echotrace::tokenize((**d).text), {}));
    sigs.push_back(hasher.sketch(sets.back()));
  }
  std::ifstream in(truth_path);
  if (!in) {
    std::cerr << "echotrace_lsh_recall: cannot open " << truth_path << "\n";
    return 1;
  }
  const nlohmann::json truth = nlohmann::json::parse(in);
  std::set<DocPair> pool;
  for (const auto& f : truth.at("families")) {
    std::vector<std::uint32_t> members{index.at(f.at("source").get<std::string>())};
    for (const auto& c : f.at("copies")) members.push_back(index.at(c.at("id").get<std::string>()));
    for (std::size_t i = 0; i < members.size(); ++i) {
      for (std::size_t j = i + 1; j < members.size(); ++j) {
        pool.insert({std::min(members[i], members[j]), std::max(members[i], members[j])});
      }
    }
  }
  for (const DocPair& p : echotrace::candidate_pairs(sigs, {64, 2}, 0, threads)) pool.insert(p);

  nlohmann::ordered_json out;
  out["corpus"] = corpus;
  out["documents"] = sets.size();
  out["num_perm"] = 128;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (double t : thresholds) {
    std::set<DocPair> true_pairs;
    for (const DocPair& p : pool) {
      if (echotrace::exact_jaccard(sets[p.first], sets[p.second]) >= t) true_pairs.insert(p);
    }
    echotrace::LshOptions o;
    o.threshold = t;
    const echotrace::LshParams params = echotrace::choose_lsh_params(o, 128);
    const auto start = std::chrono::steady_clock::now();
    const auto candidates = echotrace::candidate_pairs(sigs, params, o.max_bucket_pairs_size, threads);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::size_t found = 0;
    for (const DocPair& p : candidates) found += true_pairs.count(p);
    rows.push_back({{"threshold", t},
                    {"bands", params.bands},
                    {"rows", params.rows},
                    {"true_pairs", true_pairs.size()},
                    {"candidates", candidates.size()},
                    {"recall", true_pairs.empty() ? 1.0 : static_cast<double>(found) / true_pairs.size()},
                    {"candidates_per_true_pair",
                     true_pairs.empty() ? 0.0 : static_cast<double>(candidates.size()) / true_pairs.size()},
                    {"lsh_seconds", seconds}});
  }
  out["thresholds"] = rows;
  out["seconds_total"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"echotrace_lsh_recall: LSH recall and candidate count against planted near-duplicates"};
  std::string corpus, truth;
  std::vector<double> thresholds{0.5, 0.8};
  int threads = 0;
  app.add_option("corpus", corpus, "Generated corpus (.jsonl or .jsonl.zst)")->required();
  app.add_option("truth", truth, "Its ground truth (.truth.json from echotrace_gen)")->required();
  app.add_option("--thresholds", thresholds, "Jaccard thresholds")->capture_default_str();
  app.add_option("-t,--threads", threads, "Threads (0 = all cores)");
  CLI11_PARSE(app, argc, argv);
  return run(corpus, truth, thresholds, threads);
}
