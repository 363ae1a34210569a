def build(n):
    s = ""
    for i in range(n):
        s += "ab"
    return s

result = build(6)
print(result, len(result))
