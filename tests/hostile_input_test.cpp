// The CLI on every hostile input in tests/data/hostile/, driven by the table
// tests/data/hostile/cases.tsv (one test per line; its header says how to add
// one). Each case checks the exit code, the messages, and the output files or
// their absence; no case may crash or leave a staging folder behind.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace echotrace {
namespace {

using testing::read_file;
using testing::run_cli;
using testing::source_dir;
using testing::TempDir;

struct HostileCase {
  std::string name;
  std::string input;
  std::string args;
  int exit_code = 0;
  std::vector<std::string> expect;
};

// Test names show the case name, not the struct's bytes.
void PrintTo(const HostileCase& c, std::ostream* os) { *os << c.name; }

std::filesystem::path data_dir() { return source_dir() / "tests/data/hostile"; }

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(s);
  while (std::getline(in, field, sep)) out.push_back(field);
  return out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

// \t, \n and \\ escapes of the table.
std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char c = s[++i];
      out.push_back(c == 't' ? '\t' : c == 'n' ? '\n' : c);
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

std::vector<HostileCase> load_cases() {
  std::vector<HostileCase> cases;
  std::ifstream in(data_dir() / "cases.tsv");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> f = split(line, '\t');
    if (f.size() < 5) {
      cases.push_back({"malformed_table_line", line, "-", -1, {}});
      continue;
    }
    HostileCase c{f[0], f[1], f[2], std::stoi(f[3]), {}};
    for (std::size_t i = 4; i < f.size(); ++i) c.expect.push_back(f[i]);
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string shell_quote(const std::string& s) {
  std::string q(1, '\'');  // appended, not "'" + s: GCC 12 misreports that (-Wrestrict)
  q.append(replace_all(s, "'", "'\\''"));
  q.push_back('\'');
  return q;
}

class HostileInput : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileInput, BehavesAsTheTableSays) {
  const HostileCase& c = GetParam();
  ASSERT_NE(c.name, "malformed_table_line")
      << "cases.tsv line needs at least 5 tab-separated columns: " << c.input;
  TempDir tmp;
  const std::filesystem::path out = tmp.path() / "out";
  auto fill = [&](const std::string& s) {
    return replace_all(replace_all(s, "{data}", data_dir().string()), "{out}", out.string());
  };
  std::string command = "analyze";  // appended piecewise: GCC 12 misreports "x" + s (-Wrestrict)
  auto add = [&](const std::string& arg) {
    command.push_back(' ');
    command.append(shell_quote(arg));
  };
  add((data_dir() / c.input).string());
  if (c.args != "-") {
    for (const std::string& a : split(c.args, ' ')) add(fill(a));
  }
  if (c.args.find("-o ") == std::string::npos) {
    add("-o");
    add(out.string());
  }
  const auto r = run_cli(command);
  // A crash (signal) or sanitizer report is never an acceptable answer.
  EXPECT_LT(r.exit_code, 128) << r.output;
  EXPECT_EQ(r.output.find("Sanitizer"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("runtime error"), std::string::npos) << r.output;
  EXPECT_EQ(r.exit_code, c.exit_code) << r.output;
  for (const std::string& raw : c.expect) {
    std::string e = fill(unescape(raw));
    const bool negate = !e.empty() && e[0] == '!';
    if (negate) e.erase(0, 1);
    if (!e.empty() && e[0] == '@') {
      const std::size_t eq = e.find('=');
      const std::string file = e.substr(1, eq == std::string::npos ? std::string::npos : eq - 1);
      const bool exists = std::filesystem::exists(out / file);
      if (eq == std::string::npos) {
        EXPECT_EQ(exists, !negate) << file << (negate ? " should not exist" : " should exist");
        continue;
      }
      ASSERT_TRUE(exists) << file << " missing; output:\n" << r.output;
      const std::string content = read_file(out / file);
      const std::string text = e.substr(eq + 1);
      EXPECT_EQ(content.find(text) != std::string::npos, !negate)
          << file << (negate ? " holds " : " lacks ") << "[" << text << "]:\n"
          << content;
    } else {
      EXPECT_EQ(r.output.find(e) != std::string::npos, !negate)
          << "output " << (negate ? "holds " : "lacks ") << "[" << e << "]:\n"
          << r.output;
    }
  }
  // Whatever happened, no staging folder is left beside the output folder.
  for (const auto& entry : std::filesystem::directory_iterator(tmp.path())) {
    EXPECT_EQ(entry.path().filename(), "out") << "left behind: " << entry.path();
  }
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileInput, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<HostileCase>& p) { return p.param.name; });

}  // namespace
}  // namespace echotrace
