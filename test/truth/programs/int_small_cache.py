a = 256
b = 256
c = 257
d = c - 1 + 1
print(a is b, c == d)
