// The thread count every parallel stage receives from its caller.
#pragma once

#include <omp.h>

namespace echotrace::internal {

// `requested` <= 0 means every core OpenMP sees; otherwise `requested` itself.
inline int resolve_threads(int requested) { return requested > 0 ? requested : omp_get_num_procs(); }

}  // namespace echotrace::internal
