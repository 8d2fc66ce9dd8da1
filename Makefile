# Every target but setup runs scripts/setup.sh first and then its own script:
# set-up installs only what is missing.
.PHONY: serve dev test setup build bench

serve:
	bash scripts/serve.sh $(SIM_ARGS)

dev:
	bash scripts/dev.sh $(SIM_ARGS)

test:
	bash scripts/test.sh

setup:
	bash scripts/setup.sh

build:
	bash scripts/setup.sh && bash scripts/build.sh

bench:
	bash scripts/bench.sh
