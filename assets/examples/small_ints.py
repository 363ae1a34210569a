# CPython keeps one shared object for each int from -5 to 256.
a = 5
b = 5
c = 1000
d = c + 0
e = c
print(a is b, c is d, c is e)
