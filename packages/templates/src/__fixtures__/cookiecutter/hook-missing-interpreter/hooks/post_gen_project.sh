#!/usr/bin/no-such-shell-h5
echo hi
