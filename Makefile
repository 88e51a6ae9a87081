# The two set-up commands of README.md. Both install what is missing first (idempotent).
#   make run    build the release and serve the bundled content on 127.0.0.1:3000
#   make test   run every test
# ADDR=0.0.0.0:8080 make run   (or SKILLS_ADDR) serves elsewhere.

SHELL := /bin/bash
ADDR ?= $(or $(SKILLS_ADDR),127.0.0.1:3000)

.PHONY: run test setup check fmt
run: setup
	SKILLS_ADDR=$(ADDR) scripts/run.sh

test:
	scripts/setup.sh --test
	scripts/test.sh

setup:
	scripts/setup.sh

# Validates the content folder, printing file:line:column: message for each problem.
check:
	cargo run --quiet -p server -- check content

fmt:
	cargo fmt --all
