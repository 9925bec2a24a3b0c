# CrosstaskFacts.cmake - crosstask's facts as build outputs: one facts file per source of a
# target, built next to its object files by the build itself (ninja -j N, distcc, a remote
# executor), then analysed whole with `crosstask --facts DIR` (docs/integration.md).
#
#   list(APPEND CMAKE_MODULE_PATH /path/to/crosstask/cmake)
#   include(CrosstaskFacts)
#   crosstask_facts(mytarget)            # after add_executable/add_library(mytarget ...)
#   ...
#   ninja crosstask_facts                # every facts file of every target given
#   crosstask --facts build/             # the whole-program analysis
#
# Each source's facts are ${CMAKE_CURRENT_BINARY_DIR}/crosstask/<target>/<source>.ctf, made by
# `crosstask --emit-facts` with the flags CMake compiles it with (include directories,
# definitions and options, with those of linked targets; the C or C++ standard; CMAKE_<LANG>_FLAGS
# and those of the build type), and rebuilt when the source or a header it read changes (a
# depfile). CROSSTASK names the crosstask binary (default: found on PATH).

cmake_minimum_required(VERSION 3.20)

find_program(CROSSTASK crosstask)

if(NOT TARGET crosstask_facts)
    add_custom_target(crosstask_facts)
endif()

function(crosstask_facts target)
    if(NOT CROSSTASK)
        message(FATAL_ERROR "crosstask_facts: crosstask not found; set CROSSTASK")
    endif()
    get_target_property(sources ${target} SOURCES)
    get_target_property(source_dir ${target} SOURCE_DIR)
    string(TOUPPER "${CMAKE_BUILD_TYPE}" build_type)
    set(tp "$<TARGET_PROPERTY:${target},")
    set(outputs)
    foreach(src IN LISTS sources)
        if(src MATCHES "\\.(c)$")
            set(lang C)
        elseif(src MATCHES "\\.(cc|cpp|cxx|C)$")
            set(lang CXX)
        else()
            continue()
        endif()
        get_filename_component(abs "${src}" ABSOLUTE BASE_DIR "${source_dir}")
        file(RELATIVE_PATH rel "${source_dir}" "${abs}")
        string(REPLACE "../" "__/" rel "${rel}")
        set(out "${CMAKE_CURRENT_BINARY_DIR}/crosstask/${target}/${rel}.ctf")
        separate_arguments(lang_flags NATIVE_COMMAND
                           "${CMAKE_${lang}_FLAGS} ${CMAKE_${lang}_FLAGS_${build_type}}")
        set(ext "$<IF:$<STREQUAL:${tp}${lang}_EXTENSIONS>,OFF>,c,gnu>")
        if(lang STREQUAL "CXX")
            set(ext "$<IF:$<STREQUAL:${tp}${lang}_EXTENSIONS>,OFF>,c++,gnu++>")
        endif()
        set(std "$<$<BOOL:${tp}${lang}_STANDARD>>:-std=${ext}${tp}${lang}_STANDARD>>")
        set(defs "${tp}COMPILE_DEFINITIONS>")
        set(incs "${tp}INCLUDE_DIRECTORIES>")
        get_filename_component(out_dir "${out}" DIRECTORY)
        add_custom_command(
            OUTPUT "${out}"
            COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
            COMMAND "${CROSSTASK}" --emit-facts -o "${out}" --depfile "${out}.d" "${abs}" --
                    ${lang_flags}
                    "$<$<BOOL:${defs}>:-D$<JOIN:${defs},;-D>>"
                    "$<$<BOOL:${incs}>:-I$<JOIN:${incs},;-I>>"
                    "${std}"
                    "${tp}COMPILE_OPTIONS>"
            DEPENDS "${abs}" "${CROSSTASK}"
            DEPFILE "${out}.d"
            WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
            COMMENT "crosstask facts of ${rel}"
            COMMAND_EXPAND_LISTS
            VERBATIM)
        list(APPEND outputs "${out}")
    endforeach()
    add_custom_target(crosstask_facts_${target} DEPENDS ${outputs})
    add_dependencies(crosstask_facts crosstask_facts_${target})
endfunction()
