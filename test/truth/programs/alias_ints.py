a = 5
b = a
a = a + 1
print(a, b)
big = 1000
other = big
big += 1
print(big, other)
