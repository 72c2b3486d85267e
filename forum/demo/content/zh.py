"""Demo complaints written in Simplified Chinese."""

COMPLAINTS = [
    {
        "key": "zh-01",
        "author": "wang_li",
        "category": "kitchen-appliances",
        "title": "新买的洗碗机漏水，厨房地板都泡了，售后拖了一周还没上门",
        "body": """上个月在 Brightwell 官网买的 AquaClean 60 嵌入式洗碗机，4月2号装好的，用了不到三周。前天晚上开了强力洗程序就去睡了，早上起来厨房地上全是水，橱柜底板都泡起来了。

打客服电话报修，给了个工单号，说 48 小时内安排售后上门。现在一周过去了，**没有任何人联系我**，再打客服就一句“已经帮您催了”。

我的诉求：
1. 尽快上门检修，查清楚漏水原因；
2. 如果是产品质量问题，要求换新；
3. 橱柜泡坏的损失，希望给个说法。

洗碗机还在保修期内，发票和安装单都在。""",
        "desired_outcome": "replacement",
        "rating": 1,
        "review": "买之前说送装一体、售后服务有保障，结果出了问题一周找不到人。",
        "private_details": "订单号 BW-CN-2026-330192，工单号 FW-88120，电话 138 1234 5678",
        "days_ago": 10,
        "affected": ["chen_yu", "maja_k"],
        "answers": [
            {
                "author": "chen_yu",
                "body": "先把洗碗机的进水阀关了，别再漏。橱柜泡水的照片一定要多拍几张留证据，我之前冰箱漏水找售后理赔，就是因为照片拍得全才赔的。",
                "hours_after": 3,
                "votes": {"wang_li": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": """您好，非常感谢您的反馈，也非常抱歉让您等了一周——洗碗机漏水还泡坏了橱柜，确实非常糟心。

我查到了您的工单，是派单环节出了问题，没有转到您所在区域的服务网点。现在已经重新加急派单，师傅会在**明天中午前**电话联系您预约上门时间。

检测后如果确认是产品质量问题，我们会直接为您更换新机。橱柜损失请把照片和维修报价放在私密信息里（不要公开发），我们会单独评估，5 个工作日内给您答复。""",
                "hours_after": 6,
                "votes": {"wang_li": 1, "chen_yu": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "wang_li",
                "body": "师傅今天来了，说是进水管接头处的密封圈有问题，要回去申请换新机。等结果吧，橱柜的照片也已经放进私密信息了。",
                "hours_after": 50,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "in_progress",
        "promised_in_days": 14,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "zh-02",
        "author": "chen_yu",
        "category": "orders-delivery",
        "title": "快递显示已签收，可我根本没收到，四个智能插座不知道去哪了",
        "body": """在官网下单了 Brightwell Home 智能插座四件套（299 元），物流信息显示昨天下午 14:26 “已签收，签收人：本人”。

问题是我昨天一整天都在公司，家里没人。门口、快递柜、物业都找过了，没有。快递员电话打了三次都不接。客服说要等快递公司核实，需要 3-5 个工作日。

**不是我签收的，为什么显示本人签收？** 要么补发，要么退款，请给个明确的答复。""",
        "desired_outcome": "replacement",
        "rating": None,
        "review": None,
        "private_details": "订单号 BW-CN-2026-341877",
        "days_ago": 2,
        "affected": ["wang_li", "jamie_r"],
        "answers": [
            {
                "author": "wang_li",
                "body": "这种情况直接打快递公司的官方投诉电话，比找快递员本人管用多了。另外可以请物业调一下楼道监控，看看到底有没有人送上来。我上次就是靠监控证明快递员根本没上楼，第二天就补发了。",
                "hours_after": 4,
                "votes": {"chen_yu": 1, "jamie_r": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "zh-03",
        "author": "wang_li",
        "category": "billing-payments",
        "title": "退货退款三周了还没到账，客服每次都说在处理",
        "body": """3月5号申请退货，退的是一台 Brightwell AirCrisp 5 空气炸锅（599 元），七天无理由。3月8号快递寄回，3月10号物流显示仓库已签收。

到今天三个多星期了，退款一分钱都没到。期间联系了四次客服：
- 第一次：仓库还在验货；
- 第二次：验货已通过，等财务打款；
- 第三次、第四次：“在处理中，请耐心等待”。

付款用的是支付宝，原路退回按理说应该很快。麻烦给个准确的到账时间。还有，发票需不需要寄回，也没人跟我说过。""",
        "desired_outcome": "refund",
        "rating": 2,
        "review": "买东西很快，退款比登天还难。",
        "private_details": "订单号 BW-CN-2026-298811，退货快递单号 SF1402288731",
        "days_ago": 12,
        "affected": ["chen_yu", "bence_t", "lena_m"],
        "answers": [
            {
                "author": "nina_support",
                "body": """您好，感谢您耐心地把经过写得这么清楚，也非常抱歉让您等了这么久，三个多星期确实太长了。

我查了一下：您的退货已经验货通过，但退款单卡在了财务审核环节，一直没有提交到支付宝。我已经手动提交，退款会在 **3 个工作日内** 原路退回您的支付宝账户。

关于发票：电子发票不需要寄回，系统会自动红冲作废。如果到时还没到账，请直接在这里回复我，我会继续跟进。""",
                "hours_after": 5,
                "votes": {"wang_li": 1, "chen_yu": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "chen_yu",
                "body": "提醒一下楼主：如果当时是花呗付的，退款会先退回花呗额度，不一定在余额里，去支付宝“账单”里搜一下订单号看看。",
                "hours_after": 22,
                "votes": {"wang_li": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "wang_li",
                "body": "已经过了 5 天了，支付宝余额和花呗都看了，还是没有。说好的 3 个工作日呢？",
                "hours_after": 130,
                "votes": {"chen_yu": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "in_progress",
        "promised_in_days": 4,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "zh-04",
        "author": "chen_yu",
        "category": "phones-tablets",
        "title": "BW Phone 12 用原装充电器也提示“慢速充电”，充满要四个多小时",
        "body": """去年双十一买的 BW Phone 12（256G），一直用盒子里的原装 33W 充电器和线。最近两周一插电就提示“慢速充电”，从 20% 充到 100% 要四个多小时，以前一个小时左右就满了。

已经试过：
- 在门店新买了一根原装线（79 元）；
- 换插座、重启手机；
- 关机充电，一样慢。

手机还在保修期内，但不想去售后排半天队，最后被告知“正常现象”。有没有人遇到过？""",
        "desired_outcome": "repair",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 19,
        "affected": ["bence_t"],
        "answers": [
            {
                "author": "wang_li",
                "body": "先拿牙签（千万别用金属的！）轻轻掏一下充电口。我的 BW Phone 11 就是口袋里的棉絮把口塞满了，掏出来一小团，充电马上恢复正常。",
                "hours_after": 8,
                "votes": {"chen_yu": 1, "luka_p": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "chen_yu",
                "body": "天哪，真的掏出来一团灰……现在又显示“快速充电”了。谢谢！早知道不去买那根线了。",
                "hours_after": 20,
                "votes": {"wang_li": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": "您好，很高兴问题已经解决，也谢谢 wang_li 的热心分享。充电口积灰确实是慢充最常见的原因。如果以后清理后仍然慢充，可以凭手机序列号到任意门店免费检测，保修期内不需要带发票。",
                "hours_after": 28,
                "votes": {"chen_yu": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": None,
    },
    {
        "key": "zh-05",
        "author": "wang_li",
        "category": "repairs-warranty",
        "title": "冰箱保修期内不制冷，售后上门还要收200元上门费？",
        "body": """Brightwell CoolMax 320 冰箱，2024 年 9 月买的，整机保修两年，压缩机保修五年。上周冷藏室突然不冷了，温度一直在 12 度左右，冷冻室正常。

报修后师傅上门看了十分钟，说是“感温探头坏了”，换了个零件，然后要收 **200 元上门费 + 80 元材料费**，理由是“上门费不在保修范围内”。我说还在保修期内，他说这是公司规定，不交就不给开维修单。

当时急着用冰箱，就先付了（微信转给师傅个人的），也没有正规发票。请问这符合你们的保修政策吗？""",
        "desired_outcome": "refund",
        "rating": 2,
        "review": "冰箱本身不错，但售后服务乱收费，让人很不放心。",
        "private_details": "订单号 BW-CN-2024-771206，维修师傅电话 139 0000 5521，转账截图已保存",
        "days_ago": 70,
        "affected": ["chen_yu", "maja_k", "jonas_w"],
        "answers": [
            {
                "author": "chen_yu",
                "body": "保修期内上门费肯定是免的，别被忽悠了。而且让转个人微信的，很可能是第三方网点私自收费。建议直接找官方客服投诉，转账截图一定留好。",
                "hours_after": 2,
                "votes": {"wang_li": 1, "maja_k": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": """您好，非常感谢您告诉我们，也非常抱歉发生这样的事情。保修期内的上门费和材料费都应该免费，维修人员也不允许要求顾客转账到个人账户。

您支付的 280 元我们会全额退还，3 个工作日内退到您的订单支付账户。这家服务网点的情况已经提交给售后服务管理部门调查。

转账截图请放在私密信息里，不要公开发。调查结果出来后我会在这里告诉您。""",
                "hours_after": 9,
                "votes": {"wang_li": 1, "chen_yu": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "wang_li",
                "body": "280 元已经退回来了，谢谢。",
                "hours_after": 90,
                "votes": {},
                "official": False,
                "accepted": False,
            },
            {
                "author": "wang_li",
                "body": """又来了。冰箱冷藏室**又不冷了**，还是同样的症状。打电话报修，派来的居然还是上次那个网点。

我不想再让他们上门了。能不能换一家网点，或者直接换机？""",
                "hours_after": 1000,
                "votes": {"chen_yu": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "chen_yu",
                "body": "同一个故障一个多月坏两次，可以直接要求换机了。按三包规定，保修期内修了两次还修不好的，可以换货或退货。",
                "hours_after": 1010,
                "votes": {"wang_li": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": "您好，非常抱歉问题再次出现，给您添麻烦了。我们已经暂停了该网点的派单资格，这次由我们的直营售后服务中心上门，明天上午会有工作人员打电话和您预约时间。如果检测确认是同一故障，我们会直接为您办理换机。",
                "hours_after": 1030,
                "votes": {"wang_li": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "reopened",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "zh-06",
        "author": "chen_yu",
        "category": "stores-service",
        "title": "在门店买了两台电脑要开专票，店员说“开不了”还翻白眼",
        "body": """上周六在 Brightwell 万象城店给公司买了两台 BW Book 14 笔记本，一共 11,998 元。结账时我说要开增值税专用发票，也提供了公司的开票信息，收银员说“门店开不了专票，你自己回去网上弄”。我问网上在哪里弄，她直接翻了个白眼：“我又不是客服。”

回家在官网找了半天，开发票的入口只能填订单号，门店小票上的单号输进去提示“订单不存在”。打客服热线排队排了 40 分钟，最后只说会“反馈给门店”。

公司财务月底要报销，麻烦告诉我到底去哪开发票。还有，店员的服务态度真的需要培训一下。""",
        "desired_outcome": "explanation",
        "rating": 1,
        "review": "东西没问题，服务太差。开个发票比买电脑还难。",
        "private_details": "门店小票号 SZ-MXC-0412-0087，公司开票信息已补充",
        "days_ago": 6,
        "affected": ["wang_li", "lena_m"],
        "answers": [
            {
                "author": "nina_support",
                "body": """您好，非常感谢您的反馈，也为店员的态度和给您带来的麻烦真诚道歉。门店是可以开具增值税专用发票的，收银员给您的信息不正确，我们已经和万象城店店长沟通，会安排相关培训。

接下来：请把公司开票信息（名称、税号、地址电话、开户行及账号）填在私密信息里，不要公开发。我们会在 **3 个工作日内** 开好专票，电子版发到您的邮箱，纸质版顺丰寄出，保证赶得上月底报销。""",
                "hours_after": 4,
                "votes": {"chen_yu": 1, "wang_li": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "wang_li",
                "body": "补充一下：官网开发票的入口只认线上订单号，门店的单子要先在 App “我的 - 门店订单”里扫小票二维码绑定，绑定之后才能开。不过专票好像还是得找客服。",
                "hours_after": 10,
                "votes": {"chen_yu": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "chen_yu",
                "body": "开票信息已经放进私密信息了，等你们消息。",
                "hours_after": 30,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "acknowledged",
        "promised_in_days": 7,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "zh-07",
        "author": "wang_li",
        "category": "smart-home",
        "title": "智能插座统计的用电量明显不对，冰箱一天“用了”9度电？",
        "body": """上个月买了两个 Brightwell Home 智能插座（带电量统计的那款），一个接冰箱，一个接电脑。App 里显示冰箱一天用电 9.2 度，电脑 6 度多。可冰箱铭牌上写的年耗电量才 280 度，算下来一天不到 1 度，家里电表一个月也才走了 210 度。

已经试过：
1. 在 App 里把插座恢复出厂，重新配网；
2. 两个插座对调位置；
3. 固件升级到最新的 1.6.2。

数字还是离谱。买带电量统计的就是为了省电，数据不准等于白买。""",
        "desired_outcome": "explanation",
        "rating": 2,
        "review": "开关功能还行，电量统计完全不能信。",
        "private_details": None,
        "days_ago": 38,
        "affected": ["chen_yu", "erik_l"],
        "answers": [
            {
                "author": "chen_yu",
                "body": "App 里点进插座 → 设置 → “电量校准”，找一个功率确定的电器（我用的是 1500W 的电水壶）插上烧一壶水，按提示校准一次。我之前也是数字偏大好几倍，校准完就和电表对得上了。好像重新配网以后要再校准一次。",
                "hours_after": 12,
                "votes": {"wang_li": 1, "erik_l": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "wang_li",
                "body": "试了，校准完冰箱一天显示 0.8 度，靠谱多了。就是搞不懂为什么出厂不校准好，说明书上也一个字没提。",
                "hours_after": 30,
                "votes": {"chen_yu": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": "您好，感谢反馈，也谢谢 chen_yu 提供的方法。经确认，1.6.2 固件有个问题：恢复出厂或重新配网后，校准参数会被清空，导致统计偏大。修复版本 1.6.3 正在测试，预计两周内推送，之后校准参数会自动保留。说明书缺少校准说明的问题我们也反馈给了产品团队。给您带来不便，非常抱歉。",
                "hours_after": 48,
                "votes": {"wang_li": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "zh-08",
        "author": "chen_yu",
        "category": "billing-payments",
        "title": "以旧换新说好立减300元，结果银行卡按全价扣了",
        "body": """4月初在官网参加“洗碗机以旧换新”活动，页面写着回收旧机并补贴 300 元。我下单买了 Brightwell AquaClean 45 洗碗机，结算页面显示 3,699 元（已减 300），但银行卡实际扣了 **3,999 元**。

旧洗碗机上周已经被回收师傅拉走了，回收单也签了。客服说补贴“要等旧机检测完才退”，可活动页面明明写的是下单立减。

要求：
- 把多扣的 300 元退款给我；
- 电子发票上的金额也是 3,999 元，请按实际优惠后的金额重开。""",
        "desired_outcome": "refund",
        "rating": 2,
        "review": "活动规则写得不清不楚，差点白白多花 300 块。",
        "private_details": "订单号 BW-CN-2026-356640，回收单号 HS-20260409-113",
        "days_ago": 27,
        "affected": ["wang_li"],
        "answers": [
            {
                "author": "wang_li",
                "body": "我上次参加以旧换新也是这样，后来退回来了，等了十来天。建议先把活动页面截图保存，活动一下线就说不清了。",
                "hours_after": 6,
                "votes": {"chen_yu": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "oskar_support",
                "body": """您好，感谢您耐心反馈，也向您道歉。经核实，活动页面确实写的是下单立减，但结算系统在部分支付方式下没有正确扣减补贴，这是我们的问题，和旧机检测无关。

- 多扣的 300 元已经发起退款，1-3 个工作日内原路退回银行卡；
- 原电子发票作废，按 3,699 元重开，新发票会发到您的邮箱。

订单号您已经放在私密信息里了，不需要再公开发。""",
                "hours_after": 9,
                "votes": {"chen_yu": 1, "wang_li": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "chen_yu",
                "body": "300 元已经到账，新发票也收到了，谢谢。",
                "hours_after": 60,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": {
            "rating": 4,
            "review": "问题说清楚以后处理得很快，退款和重开发票两天就搞定了。",
            "would_return": True,
        },
    },
    {
        "key": "zh-09",
        "author": "wang_li",
        "category": "kitchen-appliances",
        "title": "新冰箱晚上嗡嗡响，关着卧室门都能听见",
        "body": """买了 Brightwell CoolMax 320 冰箱放在客厅，头两周还好，最近晚上压缩机一启动就“嗡嗡”响，还伴随“咔哒咔哒”的声音，卧室关着门都听得见，用手机测了一下有 48 分贝。

已经调过水平，背后离墙也留了 10 厘米。老婆说再这样就让我去客厅陪冰箱睡了。

现在是收货第 12 天，想申请换货。""",
        "desired_outcome": "exchange",
        "rating": 3,
        "review": "换货流程还算顺利，就是检测那一步等了好几天没人联系。",
        "private_details": None,
        "days_ago": 115,
        "affected": ["chen_yu"],
        "answers": [
            {
                "author": "chen_yu",
                "body": "新冰箱头几周有点响是正常的，但 48 分贝确实大了，咔哒声可能是压缩机减震垫没装好。抓紧在 15 天内申请换货，过了就只能维修了。",
                "hours_after": 20,
                "votes": {"wang_li": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": "您好，感谢反馈，很抱歉新冰箱影响到您休息。按照三包规定，购买 15 天内出现性能故障可以换货。我们会先安排售后服务人员上门检测并出具报告（两天内联系您），确认后直接更换新机，旧机由送新机的师傅一起拉走，全程不收费。为了不耽误时间，请把订单号放在私密信息里。",
                "hours_after": 26,
                "votes": {"wang_li": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "wang_li",
                "body": "新冰箱今天送到了，安静多了。不过检测那一步拖了四天，差点超过 15 天，中间还是挺担心的。",
                "hours_after": 170,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "closed",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "zh-10",
        "author": "chen_yu",
        "category": "smart-home",
        "title": "Home Cam 云存储刚续费，回放还是看不了，一直转圈",
        "body": """上个月给 Brightwell Home Cam 续费了云存储年卡（199 元），这周开始回放一直转圈加载，实时画面倒是正常。WiFi 和 4G 都试了，App 也重装了，还是一样。

钱扣了，功能用不了。续费的钱能不能先退款？也想知道什么时候能修好。""",
        "desired_outcome": "refund",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 1,
        "affected": ["wang_li", "sara_j", "jonas_w"],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "zh-11",
        "author": "wang_li",
        "category": "orders-delivery",
        "title": "说好免费送货上门，送货师傅非要加150块搬楼费",
        "body": """在官网买了 Brightwell WashPro 8 滚筒洗衣机，商品页写着“大件免费送货上门（含安装）”。我家住六楼，老小区没电梯。

送货师傅到楼下打电话，说爬楼要另收 150 元，不给就放楼下。我把商品页面给他看，他说“那是你们跟公司说的，跟我们物流没关系”。最后是我和我爸两个人把洗衣机抬上楼的，我爸的腰到现在还疼。

我想要的：
- 一个解释：“送货上门”到底包不包括爬楼？
- 安装还没做，希望派来的人别再提加钱的事。""",
        "desired_outcome": "explanation",
        "rating": 1,
        "review": "下单时说得好好的，到了楼下就变卦。",
        "private_details": "订单号 BW-CN-2026-312954，收货地址见订单",
        "days_ago": 56,
        "affected": ["chen_yu", "luka_p", "tom_baker"],
        "answers": [
            {
                "author": "chen_yu",
                "body": "我也遇到过，直接打快递公司的投诉电话，说他们私自加收费用，一般很快就有人回电话道歉。这种外包物流的问题太常见了。",
                "hours_after": 5,
                "votes": {"wang_li": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": """您好，非常抱歉让您和家人自己把洗衣机抬上六楼，这真的不应该发生，希望叔叔的腰早日好起来。我们的“免费送货上门”包括无电梯楼层的搬运，不应收取任何额外费用。

我们已经：
1. 向物流合作方正式投诉，要求处理该送货人员；
2. 为您加急安排安装师傅，明天会电话联系您，安装全程免费；
3. 为表歉意，在您的账户里发放了 200 元购物券。

安装完成后如有任何问题，欢迎继续在这里反馈。""",
                "hours_after": 8,
                "votes": {"wang_li": 1, "chen_yu": 1, "tom_baker": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "wang_li",
                "body": "安装师傅今天来了，很专业，没提任何额外收费。购物券也收到了，谢谢。",
                "hours_after": 76,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": {
            "rating": 4,
            "review": "送货那次很糟糕，但客服处理得很到位，诚意也够。",
            "would_return": True,
        },
    },
    {
        "key": "zh-12",
        "author": "chen_yu",
        "category": "repairs-warranty",
        "title": "平板送修一个多月没消息，售后服务中心电话永远占线",
        "body": """BW Tab 10 平板，买了十个月，屏幕突然触摸失灵。3月1号送到朝阳的售后服务中心，当时说在保修范围内，15 个工作日修好。

现在已经一个多月了：
- 售后服务中心的电话打了不下二十次，不是占线就是没人接；
- 官网查维修进度，一直是“检测中”；
- 客服热线只会说“帮您催一下”。

孩子上网课全靠这台平板。要么给个准确的取机时间，要么直接换新的。发票、保修卡都在。""",
        "desired_outcome": "replacement",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 3,
        "affected": ["wang_li"],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
]
