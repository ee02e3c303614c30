# gmtls: a thin wrapper over CMake + CTest.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all build test test-asan test-valgrind install demo clean bench oracle-deps fuzz

all: build

$(BUILD)/CMakeCache.txt:
	@tools/install-deps.sh build
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The npm package sm-crypto is the second independent oracle for SM2/SM3/SM4.
oracle-deps:
	@tools/install-deps.sh test
	@if [ ! -d tests/oracle/node_modules/sm-crypto ]; then \
	  echo "installing the sm-crypto oracle (npm ci)"; \
	  cd tests/oracle && npm ci --no-audit --no-fund --silent; fi

test: oracle-deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# AddressSanitizer + UndefinedBehaviorSanitizer build of everything, same tests.
test-asan:
	$(MAKE) test BUILD=build-asan CMAKE_FLAGS="-DGMTLS_SANITIZE=ON -DGMTLS_WERROR=ON $(CMAKE_FLAGS)"

# Every unit test under valgrind memcheck (invalid accesses, uninitialised reads, leaks).
test-valgrind: build
	tests/run_valgrind.sh $(BUILD)

install: build
	cmake --install $(BUILD)

# A guided tour: digests, ciphers, signatures, a TLCP/Fabric PKI checked by gmtls and OpenSSL.
demo: build
	tools/demo.sh $(BUILD)

bench: build
	bench/compare.sh $(BUILD)/gmtls

# libFuzzer: build every fuzz/fuzz_*.c with clang, then run each for FUZZ_SECONDS on a copy of
# its seed corpus (fuzz/corpus/<name>/); fails on any crash or sanitizer report.
FUZZ_SECONDS ?= 20
FUZZ_JOBS ?= 2
fuzz:
	CC=clang cmake -S . -B build-fuzz -DGMTLS_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build build-fuzz --target gmtls_fuzzers -j $(JOBS)
	FUZZ_JOBS=$(FUZZ_JOBS) fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf build build-asan build-fuzz
