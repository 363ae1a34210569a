n = 1
for i in range(70):
    n = n * 2
print(n)
