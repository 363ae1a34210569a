raw = "  Hello World  "
clean = raw.strip().lower()
print(repr(clean))
