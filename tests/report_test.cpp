#include <echotrace/report.h>
#include <gtest/gtest.h>

#include <limits>

#include "test_util.h"

namespace echotrace {
namespace {

using testing::read_file;
using testing::TempDir;

const DenseMatrix kMatrix{3, {1.0, 0.25, 0.5, 0.25, 1.0, 0.125, 0.5, 0.125, 1.0}};
const std::vector<std::string> kIds{"a", "b,c", "d"};

TEST(Report, MatrixCsvHasIdLabelsAndSixDecimals) {
  TempDir dir;
  ASSERT_TRUE(write_matrix_csv(dir.path() / "m.csv", kMatrix, kIds).is_ok());
  EXPECT_EQ(read_file(dir.path() / "m.csv"),
            "id,a,\"b,c\",d\n"
            "a,1.000000,0.250000,0.500000\n"
            "\"b,c\",0.250000,1.000000,0.125000\n"
            "d,0.500000,0.125000,1.000000\n");
}

TEST(Report, NpyLoadsWithNumpyUnchanged) {
  TempDir dir;
  const auto path = dir.path() / "m.npy";
  ASSERT_TRUE(write_matrix_npy(path, kMatrix).is_ok());
  const std::string bytes = read_file(path);
  ASSERT_GE(bytes.size(), 128u);
  EXPECT_EQ(bytes.substr(0, 6), "\x93NUMPY");
  EXPECT_EQ((bytes.size() - 9 * 4) % 64, 0u);  // header padded to 64 bytes
  const std::string py = std::string("'") + ECHOTRACE_PYTHON +
                         "' -c \"import numpy as np; a = np.load('" + path.string() +
                         "'); print(a.dtype, a.shape, a[0, 1], a[1, 2], (a == a.T).all())\"";
  const auto r = testing::run_command(py);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "float32 (3, 3) 0.25 0.125 True\n");
}

TEST(Report, PairsTsv) {
  TempDir dir;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<ScoredPair> pairs{{0, 2, 0.5, 0.4, 0.3, kFromDense}, {1, 2, 0.6, nan, nan, kFromLsh},
                                      {0, 1, 0.1, 0.2, 0.7, kFromLsh | kFromCosine}};
  ASSERT_TRUE(write_pairs_tsv(dir.path() / "p.tsv", pairs, kIds).is_ok());
  EXPECT_EQ(read_file(dir.path() / "p.tsv"),
            "id_a\tid_b\tminhash_jaccard\texact_jaccard\tcosine\tfound_by\n"
            "a\td\t0.500000\t0.400000\t0.300000\tdense\n"
            "b,c\td\t0.600000\t\t\tlsh\n"
            "a\tb,c\t0.100000\t0.200000\t0.700000\tlsh+cosine\n");
}

TEST(Report, FailedWriteNamesThePathAndLeavesNoTemporaryFile) {
  TempDir dir;
  const auto path = dir.path() / "missing-dir" / "m.csv";
  const Status s = write_matrix_csv(path, kMatrix, kIds);
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("missing-dir/m.csv"), std::string::npos);
  // A successful rewrite replaces the file and leaves only the target.
  ASSERT_TRUE(write_text_file(dir.path() / "x.txt", "old").is_ok());
  ASSERT_TRUE(write_text_file(dir.path() / "x.txt", "new").is_ok());
  EXPECT_EQ(read_file(dir.path() / "x.txt"), "new");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

}  // namespace
}  // namespace echotrace
