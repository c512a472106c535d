raise SystemExit('no')
