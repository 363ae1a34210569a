lines = []
for i in range(4):
    lines.append(f"item {i}: {i * i}")
report = "\n".join(lines)
print(report)
