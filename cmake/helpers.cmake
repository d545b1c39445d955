# Applies echotrace's flag targets to one of its own targets.
function(echotrace_target_defaults target)
  target_link_libraries(${target} PRIVATE echotrace_warnings echotrace_settings)
endfunction()

# Adds GoogleTest sources to the single echotrace_tests binary.
function(echotrace_add_tests)
  target_sources(echotrace_tests PRIVATE ${ARGN})
endfunction()

# Adds Google Benchmark sources to the single echotrace_bench binary.
function(echotrace_add_benchmarks)
  target_sources(echotrace_bench PRIVATE ${ARGN})
endfunction()
