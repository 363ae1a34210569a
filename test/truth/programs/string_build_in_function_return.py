def stars(n):
    line = ""
    while len(line) < n:
        line += "*"
    return line

a = stars(3)
b = stars(5)
print(a, b)
