nums = [1, 2, 3, 4, 5, 6]
mods = {n % 3 for n in nums}
print(sorted(mods))
