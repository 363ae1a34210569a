nums = list(range(10))
nums.insert(0, -1)
del nums[2:5]
nums[1:3] = [100, 200, 300]
nums.remove(300)
print(nums, len(nums))
