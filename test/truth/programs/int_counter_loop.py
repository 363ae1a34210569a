count = 0
while count < 300:
    count += 1
print(count)
