total = 0
n = 10
while n > 0:
    total += n
    n -= 1
print(total)
