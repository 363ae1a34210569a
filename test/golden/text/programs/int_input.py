age = int(input())
for i in range(2):
    age += 1
print(age)
