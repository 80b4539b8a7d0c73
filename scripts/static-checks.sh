#!/bin/sh
# The static half of `npm test`: the compiler and the linters side by side (two cores, two processes),
# failing if either fails. Each prints its own errors.
npm run -s typecheck &
typecheck=$!
npm run -s lint
lint=$?
wait $typecheck
typecheck=$?
[ $typecheck -eq 0 ] && [ $lint -eq 0 ]
