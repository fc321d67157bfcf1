# Stateless Mind — one entry point for every lab.
#   make test    setup, build, then every test: C# (the solution), ctest, cargo, exercise-check; ends with "tests: N passed, N failed, N skipped"
#   make run     setup, build, then every built experiment at full scale; writes artifacts/reports/index.md
#   make publish copy a complete `make run` into reports/ (committed) and refresh the lab READMEs' figures blocks
#   make setup   install what is missing (Debian packages, needs root or sudo), restore NuGet packages, build native code
#   make build   build every C# project (and native code)
#   make test-asan  the native C tests again, the whole tree built with AddressSanitizer + UBSan
#   make bench   BenchmarkDotNet suites (BENCH='*Crud*' picks some); writes bench/reports/*.md
#   make exercise LAB=1.4 [GOAL=1.4-2] [OUT=dir] [FORCE=1]   a learner's copy of a lab: its exercise regions become stubs
#   make progress [LAB=1.4] [DETAILS=1]   (in a learner's copy) how many tests of each exercised goal and task pass
#   make exercise-check [LAB=1.4] [GOAL=1.4-2]   each lab's skeleton builds, fails its tasks' tests, passes the rest (make test runs it)
#   make up/down the same services in docker compose (see infra/compose/README.md)
# `make test` and `make run` each start with setup, which installs only what is missing: either can be the first command.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

SOLUTION      := StatelessMind.sln
CONFIGURATION ?= Debug
RESULTS       := TestResults
NATIVE_C      := native/c
NATIVE_BUILD  := native/build
NATIVE_RUST   := native/rust
SCALE         ?= full
BENCH         ?= *
# A test still running after this long is named (the blame collector's Sequence file and the console) and stopped.
HANG_TIMEOUT  ?= 5m
DOTNET        := DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet

.PHONY: help setup restore native build test test-asan run publish bench up down clean exercise progress exercise-check

help:
	@sed -n 's/^#   //p' Makefile

setup:
	infra/scripts/setup.sh
	$(DOTNET) restore $(SOLUTION)
	$(MAKE) --no-print-directory native

restore:
	$(DOTNET) restore $(SOLUTION)

native:
	native/build.sh all

# The whole native tree built with AddressSanitizer + UBSan (native/build-asan, SM_SANITIZE=ON) and its ctest run.
test-asan:
	cmake -S $(NATIVE_C) -B native/build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSM_SANITIZE=ON >/dev/null
	cmake --build native/build-asan -j 2
	ctest --test-dir native/build-asan --output-on-failure

build: native
	$(DOTNET) build $(SOLUTION) -c $(CONFIGURATION) -nologo -clp:ErrorsOnly

# Every suite runs even if an earlier one failed; the summary line is printed either way,
# and the target fails if any suite did.
test: setup
	$(MAKE) --no-print-directory build
	@rm -rf $(RESULTS); mkdir -p $(RESULTS)
	@status=0; \
	$(DOTNET) test $(SOLUTION) -c $(CONFIGURATION) --no-build --logger trx --results-directory $(RESULTS) \
	  --blame-hang-timeout $(HANG_TIMEOUT) --blame-hang-dump-type none || status=1; \
	if [ -f $(NATIVE_BUILD)/CTestTestfile.cmake ]; then \
	  ctest --test-dir $(NATIVE_BUILD) --output-on-failure --output-junit $(CURDIR)/$(RESULTS)/ctest-c.xml || status=1; \
	fi; \
	if [ -f $(NATIVE_RUST)/Cargo.toml ]; then \
	  cargo test --offline --manifest-path $(NATIVE_RUST)/Cargo.toml 2>&1 | tee $(RESULTS)/cargo-rust.txt || status=1; \
	fi; \
	$(DOTNET) run --project labs/Runner -c $(CONFIGURATION) --no-build -- exercise-check --trx $(RESULTS)/exercise-check.trx || status=1; \
	infra/scripts/test-summary.sh $(RESULTS); \
	exit $$status

# Writes the working copy, artifacts/reports/ (git-ignored); `make publish` copies a complete run into reports/.
run: setup
	$(MAKE) --no-print-directory build CONFIGURATION=Release
	$(DOTNET) run --project labs/Runner -c Release --no-build -- run --scale $(SCALE)

publish:
	$(DOTNET) run --project labs/Runner -c Release -- publish

# A suite whose stated target is not met fails the run; its reports are copied all the same.
bench: native
	@status=0; \
	$(DOTNET) run --project bench -c Release -- --filter $(foreach f,$(BENCH),'$(f)') --artifacts bench/BenchmarkDotNet.Artifacts || status=$$?; \
	mkdir -p bench/reports; \
	cp bench/BenchmarkDotNet.Artifacts/results/*-report-github.md bench/reports/ 2>/dev/null || true; \
	echo "bench: reports in bench/reports/"; \
	exit $$status

# The learner's loop (README, "Exercises"): generate a copy, then in it run progress after each change.
exercise:
	@if [ -z "$(LAB)" ]; then echo "usage: make exercise LAB=1.4 [GOAL=1.4-2] [OUT=dir] [FORCE=1]" >&2; exit 2; fi
	$(DOTNET) run --project labs/Runner -- exercise $(LAB) $(foreach g,$(GOAL),--goal $(g)) $(if $(OUT),--out $(OUT)) $(if $(FORCE),--force)

progress:
	$(DOTNET) run --project labs/Runner -- progress $(LAB) $(if $(DETAILS),--details)

exercise-check:
	@mkdir -p $(RESULTS)
	$(DOTNET) run --project labs/Runner -- exercise-check $(LAB) $(foreach g,$(GOAL),--goal $(g)) --trx $(RESULTS)/exercise-check.trx

up:
	docker compose up -d

down:
	docker compose down

clean:
	$(DOTNET) clean $(SOLUTION) -nologo -v q
	rm -rf $(RESULTS) $(NATIVE_BUILD) native/build-asan artifacts
