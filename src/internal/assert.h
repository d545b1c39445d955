// ECHOTRACE_ASSERT: checks a documented precondition (REQUIRES:) and aborts with
// the failed condition and its location. For bugs only, never for user input.
#pragma once

#include <cstdio>
#include <cstdlib>

#define ECHOTRACE_ASSERT(cond)                                                      \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "echotrace: assertion failed: %s (%s:%d)\n", #cond,      \
                   __FILE__, __LINE__);                                             \
      std::abort();                                                                 \
    }                                                                               \
  } while (0)
