bar = "=" * 20
print(bar)
line = "-" * 3 + ">"
print(line)
