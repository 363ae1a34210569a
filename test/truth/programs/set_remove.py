nums = {1, 2, 3, 4}
nums.remove(2)
nums.discard(10)
nums.discard(4)
print(sorted(nums))
