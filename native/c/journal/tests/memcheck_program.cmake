# Runs the journal program under valgrind memcheck: a first run that appends and checkpoints,
# a torn tail appended by hand, then a verifying restart that must quarantine and truncate it.
# Any memcheck error (or leak) makes valgrind exit 99 and this script fail.
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
set(memcheck ${MEMCHECK} --quiet --leak-check=full --show-leak-kinds=definite,indirect
    --errors-for-leak-kinds=definite,indirect --error-exitcode=99)

execute_process(COMMAND ${memcheck} ${PROGRAM} --dir ${WORKDIR}/j --count 300 --batch 10 --checkpoint-every 4
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "first run failed (${rc}): ${err}")
endif()

file(APPEND ${WORKDIR}/j/journal.dat "JRNL torn tail")
execute_process(COMMAND ${memcheck} ${PROGRAM} --dir ${WORKDIR}/j --count 20 --verify-all
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "restart failed (${rc}): ${err}")
endif()
if(NOT out MATCHES "last_seq=300 " OR NOT out MATCHES "discarded_bytes=14 " OR NOT out MATCHES "exit reason=done seq=320 ")
  message(FATAL_ERROR "unexpected output: ${out}")
endif()
message(STATUS "memcheck clean: ${out}")
