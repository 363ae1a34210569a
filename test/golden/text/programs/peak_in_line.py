nums = list(range(50))
total = sum(nums[10:40])
print(total)
