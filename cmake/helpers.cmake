# Applies echotrace's flag targets to one of its own targets.
function(echotrace_target_defaults target)
  target_link_libraries(${target} PRIVATE echotrace_warnings echotrace_settings)
endfunction()
