#!/bin/sh
# modes: fail
# Harness self-test: a guest test that fails must fail the run.
echo "failing on purpose"
exit 1
