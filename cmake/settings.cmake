# Flag targets linked PRIVATE to echotrace's own targets only.
add_library(echotrace_warnings INTERFACE)
target_compile_options(echotrace_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wnull-dereference
                       -Wno-missing-field-initializers)  # designated initializers may omit fields
if(ECHOTRACE_WARNINGS_AS_ERRORS)
  target_compile_options(echotrace_warnings INTERFACE -Werror)
endif()

add_library(echotrace_settings INTERFACE)
if(ECHOTRACE_SANITIZE)
  target_compile_options(echotrace_settings INTERFACE -fsanitize=address,undefined
                         -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(echotrace_settings INTERFACE -fsanitize=address,undefined)
endif()
if(ECHOTRACE_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ECHOTRACE_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  # Coverage instrumentation for libFuzzer in every echotrace target; the
  # fuzz executables add -fsanitize=fuzzer (with its main) themselves.
  target_compile_options(echotrace_settings INTERFACE -fsanitize=fuzzer-no-link,address,undefined
                         -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(echotrace_settings INTERFACE -fsanitize=address,undefined)
endif()
if(ECHOTRACE_NATIVE)
  target_compile_options(echotrace_settings INTERFACE -march=native)
endif()
