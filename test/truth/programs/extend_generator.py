nums = [1, 2]
nums.extend(x * x for x in range(3, 6))
nums += (7, 8)
print(nums)
