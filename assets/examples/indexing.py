# Practice 2: loop over the items themselves, not over their positions.
fruits = ["apple", "banana", "cherry"]
for i in range(len(fruits)):
    print(fruits[i])
for fruit in fruits:
    print(fruit)
