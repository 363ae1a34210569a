def upto(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"

out = []
for v in upto(3):
    out.append(v)
print(out)
