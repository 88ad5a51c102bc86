# PolicyOperator: entry points. `make help` lists the targets.
SHELL          := /bin/bash
CONFIGURATION  ?= Release
SOLUTION       := PolicyOperator.sln
RESULTS        := TestResults
DEB_PACKAGES   := clang llvm libbpf-dev bpftool iproute2 iptables dnsmasq socat
CLI_OUTPUT     := artifacts/bin/PolicyOperator.Cli/$(shell echo $(CONFIGURATION) | tr A-Z a-z)
BENCH_ARGS     ?= --filter '*'

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: help setup bpf build test bench lint demo clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

setup: ## Install missing Debian packages (idempotent; fast when nothing is missing)
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done | xargs); \
	if [ -n "$$missing" ]; then \
		echo "setup: installing $$missing"; \
		sudo=$$([ "$$(id -u)" -eq 0 ] || echo sudo); \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }

bpf: ## Compile bpf/*.bpf.c into CO-RE objects (bpf/.output)
	@$(MAKE) --no-print-directory -C bpf

build: setup bpf ## Build BPF objects and every .NET project; put the CLI at bin/policyctl
	dotnet build $(SOLUTION) -c $(CONFIGURATION) --nologo -clp:NoSummary
	@mkdir -p bin && ln -sfn ../$(CLI_OUTPUT)/policyctl bin/policyctl

test: build ## Run every test project; ends with "Tests: N passed, N failed"
	@rm -rf $(RESULTS)
	@rc=0; dotnet test $(SOLUTION) -c $(CONFIGURATION) --no-build --nologo \
		--logger trx --results-directory $(RESULTS) -- RunConfiguration.TreatNoTestsAsError=false || rc=$$?; \
	build/test-summary.sh $(RESULTS) || rc=1; \
	exit $$rc

bench: build ## Run the benchmarks (BENCH_ARGS passes BenchmarkDotNet arguments)
	dotnet run -c $(CONFIGURATION) --no-build --project tests/PolicyOperator.Benchmarks -- $(BENCH_ARGS)

lint: ## Check C# formatting (dotnet format) and BPF C formatting (clang-format)
	dotnet format $(SOLUTION) --verify-no-changes
	@$(MAKE) --no-print-directory -C bpf lint

demo: build ## Run the main job on the embedded default (no cluster needed)
	@echo "demo: not implemented yet (see README: what works today)"; exit 1

clean: ## Remove build outputs and test results
	rm -rf artifacts bin $(RESULTS)
	@$(MAKE) --no-print-directory -C bpf clean
