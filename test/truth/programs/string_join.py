parts = []
for i in range(5):
    parts.append(str(i))
joined = "-".join(parts)
print(joined)
