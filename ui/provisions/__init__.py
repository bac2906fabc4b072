"""The provisions page (拨备与不良): IFRS 9 ECL by stage, the allowance movement, 五级分类 NPL figures."""
