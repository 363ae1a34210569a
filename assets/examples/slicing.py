# Practice 1: a slice is a new list, a copy of part of the old one.
a = [0, 1, 2, 3, 4, 5]
b = a[1:4]
b[0] = 99
total = sum(a[1:4])
print(a, b, total)
