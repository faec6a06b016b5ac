# Thin wrapper over CMake. `make check` and `make demo` are the README's two commands.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CTEST_ARGS ?= --output-on-failure -j$(JOBS)

.PHONY: all deps build check check-asan demo bench fuzz memcheck clean install dist

all: build

deps:
	@scripts/install-deps

build: deps
	cmake -S . -B $(BUILD) -DWIZ_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j$(JOBS)

check: build
	cd $(BUILD) && ctest $(CTEST_ARGS)
	$(MAKE) --no-print-directory check-asan

check-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DWIZ_WERROR=ON -DWIZ_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest $(CTEST_ARGS)

demo: build
	@scripts/install-deps runtime
	@scripts/demo

bench: build
	@bench/run

# libFuzzer (clang) on every parser we own, SECONDS each; prints execs and crashes per target
SECONDS ?= 60
fuzz:
	@scripts/fuzz $(SECONDS)

# the unit and integration suites under valgrind memcheck
memcheck:
	@scripts/memcheck

install: build
	cmake --install $(BUILD)

# Release packages (CPack): dist/ampli-wizard_<version>_<arch>.deb and a .tar.gz
DIST_BUILD ?= build-dist
dist: deps
	cmake -S . -B $(DIST_BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr -DWIZ_WERROR=ON \
	  -DWIZ_TEST_HOOKS=OFF >/dev/null
	cmake --build $(DIST_BUILD) -j$(JOBS)
	cd $(DIST_BUILD) && cpack -B $(CURDIR)/dist >/dev/null
	@rm -rf dist/_CPack_Packages
	@ls -1 dist/*.deb dist/*.tar.gz

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(DIST_BUILD) dist
