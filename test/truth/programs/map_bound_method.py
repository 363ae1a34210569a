out = []
list(map(out.append, range(4)))
print(out, len(out))
