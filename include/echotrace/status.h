// Status and Result<T>: how every echotrace function that touches files, user
// input or configuration reports failure. A Status is a code plus a message that
// names its context (path, line, document id). Computation on checked inputs
// returns plain values instead and guards its preconditions with
// ECHOTRACE_ASSERT, which aborts: a bug is not a user error.
//
// Thread-safety: Status and Result are values; distinct objects may be used from
// distinct threads freely.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace echotrace {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // a user-supplied option or value is out of range
  kNotFound,         // a path or named item does not exist
  kIoError,          // reading or writing failed
  kParseError,       // input exists but is malformed (file and line in message)
  kIncompatible,     // two sketches or indexes built with different parameters
};

// Name of a code, e.g. "ParseError".
std::string_view status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return Status(); }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "ParseError: corpus.jsonl:12: ..." or "OK".
  std::string to_string() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status invalid_argument(std::string msg) { return {StatusCode::kInvalidArgument, std::move(msg)}; }
inline Status not_found(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
inline Status io_error(std::string msg) { return {StatusCode::kIoError, std::move(msg)}; }
inline Status parse_error(std::string msg) { return {StatusCode::kParseError, std::move(msg)}; }
inline Status incompatible(std::string msg) { return {StatusCode::kIncompatible, std::move(msg)}; }

// Either a value or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT: implicit by design
    if (std::get<Status>(v_).is_ok()) {
      v_ = Status(StatusCode::kInvalidArgument, "Result constructed from an OK status");
    }
  }

  bool is_ok() const { return std::holds_alternative<T>(v_); }
  // REQUIRES: !is_ok().
  const Status& status() const { return std::get<Status>(v_); }
  // REQUIRES: is_ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace echotrace

// Propagates a non-OK Status from an expression returning Status.
#define ECHOTRACE_RETURN_IF_ERROR(expr)              \
  do {                                               \
    ::echotrace::Status echotrace_status_ = (expr);  \
    if (!echotrace_status_.is_ok()) return echotrace_status_; \
  } while (0)
