"""Demo complaints written in English."""

COMPLAINTS = [
    {
        "key": "en-01",
        "author": "jamie_r",
        "category": "orders-delivery",
        "title": "CoolMax 320 fridge arrived with a dented door – still waiting for the replacement",
        "body": """Ordered a Brightwell CoolMax 320 fridge freezer (silver) on the 2nd, delivered on the 6th. The driver was in a rush and asked me to sign on his handheld before I'd even got the box open. Once the packaging was off there was a **fist-sized dent** on the freezer door and the seal is kinked at the corner so it doesn't close properly.

I reported it the same evening through the [order page](https://shop.brightwell.example/orders) with photos. Got an email saying a replacement would be sent "within 7 days". That was over two weeks ago.

So right now I have a fridge I can't really use and nobody will tell me when the new one turns up. I'd just like a date, please.""",
        "desired_outcome": "replacement",
        "rating": 1,
        "review": "Damaged on arrival and the replacement promise has already been broken. Very disappointing.",
        "private_details": "Order BW-2026-204518, 14 Alder Road, Leeds LS6 2QT, mobile 07700 900412",
        "days_ago": 15,
        "affected": ["tom_baker", "lena_m"],
        "answers": [
            {
                "author": "oskar_support",
                "body": """Hi Jamie, thank you for the photos and for reporting this so quickly – and I'm sorry, a dented fridge on day one is not the start anyone wants.

I can see your replacement was approved. The CoolMax 320 in silver is currently out of stock at our northern warehouse; stock is due on Monday and yours is reserved. Our delivery team will call you to book a slot, and the driver will take the damaged unit away at the same time.

Please don't post your order number here – I've already got it from your private details.""",
                "hours_after": 9,
                "votes": {"jamie_r": 1, "priya-n": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "jamie_r",
                "body": "Monday has come and gone. No call, no email, and the tracking page still says \"replacement being prepared\". Can someone actually check whether it's left the warehouse?",
                "hours_after": 260,
                "votes": {"tom_baker": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "tom_baker",
                "body": "Worth ringing the carrier directly rather than Brightwell – last time mine was sat at their depot for four days and nobody at Brightwell could see that.",
                "hours_after": 275,
                "votes": {"jamie_r": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "in_progress",
        "promised_in_days": 7,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "en-02",
        "author": "priya-n",
        "category": "billing-payments",
        "title": "Refund for returned BW Tab 10 still not arrived after 3 weeks",
        "body": """I returned a BW Tab 10 (64 GB) to the Birmingham Bullring store on the 3rd because the charging port was loose. The assistant processed the return, gave me a receipt that says "refund issued", and told me it would be back on my card in 3–5 working days.

It has now been **three weeks**. My bank says nothing is pending from Brightwell. I've emailed customer service twice and got the same copy-paste reply both times telling me to "allow up to 10 working days".

£249 is not a small amount for me. I'd like to know where the money actually is.""",
        "desired_outcome": "refund",
        "rating": 2,
        "review": "Return in store was easy, but the refund disappeared into thin air and the emails were useless.",
        "private_details": "Return receipt R-BHM-55120, Visa ending 4471",
        "days_ago": 48,
        "affected": ["jamie_r", "sara_j", "bence_t"],
        "answers": [
            {
                "author": "nina_support",
                "body": """Hi Priya, thank you for your patience, and I'm really sorry – three weeks is far too long, and you should not have been sent the same template twice.

I've looked at the return receipt in your private details. The refund was created in the store, but it failed to send to the bank because of a terminal fault that day. It's been re-issued manually this morning, and you should see it within **3 working days**.

I'll check back with you on Friday to make sure it has landed.""",
                "hours_after": 20,
                "votes": {"priya-n": 1, "jamie_r": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "priya-n",
                "body": "Money arrived on Thursday. Thanks Nina – shame it took a public post, though.",
                "hours_after": 90,
                "votes": {"tom_baker": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": {
            "rating": 4,
            "review": "Once a real person looked at it, it was sorted in two days. Support was honest about what went wrong.",
            "would_return": True,
        },
    },
    {
        "key": "en-03",
        "author": "tom_baker",
        "category": "stores-service",
        "title": "45 minutes on hold, then the line just went dead",
        "body": """Rang the customer service number on Tuesday at 10:15 about a missing part for my dishwasher. The recorded voice said I was number 6 in the queue. 45 minutes of the same four bars of piano later, it clicked and hung up on me.

Tried again at lunchtime – "due to high demand we cannot take your call". No callback option, nothing.

I'm not even angry about the part any more. I'm angry that there is no way to speak to a human being at your company.""",
        "desired_outcome": "explanation",
        "rating": 1,
        "review": "Unreachable by phone. Gave up after almost an hour.",
        "private_details": None,
        "days_ago": 2,
        "affected": ["jamie_r", "priya-n", "jonas_w", "maja_k", "chen_yu"],
        "answers": [
            {
                "author": "priya-n",
                "body": "The live chat on the website (bottom right, only shows up after you log in) is much quicker. I got through in about 5 minutes last week. Not a fix for the phone line, I know.",
                "hours_after": 3,
                "votes": {"tom_baker": 1, "jamie_r": 1},
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
        "key": "en-04",
        "author": "jamie_r",
        "category": "smart-home",
        "title": "Smart plug keeps dropping off wifi every evening",
        "body": """I've got four Brightwell Smart Plug Mini units. Three are fine. The one in the living room (lamp + fan) drops off the network pretty much every evening around 7pm and shows "Device offline" in the Brightwell Home app.

Things I've tried:
- unplugging and re-adding it to the app (twice)
- moving it to a different socket one metre from the router
- factory reset by holding the button for 10 seconds

It comes back after a power cycle and then disappears again the next evening. Is this a known fault or have I got a dud?""",
        "desired_outcome": "replacement",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 63,
        "affected": ["tom_baker", "erik_l", "wang_li"],
        "answers": [
            {
                "author": "tom_baker",
                "body": """Had exactly this. The plugs only speak 2.4 GHz, and my router was \"band steering\" – merging 2.4 and 5 GHz under one name. In the evening, when everyone's streaming, it shoved the plug around and it gave up.

Fix for me: split the bands in the router settings, give 2.4 GHz its own network name, and add the plug to that one. Rock solid for two months now.""",
                "hours_after": 5,
                "votes": {"jamie_r": 1, "priya-n": 1, "erik_l": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "nina_support",
                "body": "Thanks Tom, that's spot on – the Smart Plug Mini is 2.4 GHz only. Jamie, if splitting the bands doesn't help, reply here and we'll swap the plug under warranty, no need to return it first. We're also adding a warning about band steering to the setup screen in the next app update.",
                "hours_after": 11,
                "votes": {"jamie_r": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "jamie_r",
                "body": "Split the bands, re-added the plug, it's been online for a week straight. Cheers both.",
                "hours_after": 190,
                "votes": {},
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
        "key": "en-05",
        "author": "priya-n",
        "category": "kitchen-appliances",
        "title": "Dishwasher shows error E24 and won't drain – 5 months old",
        "body": """Our Brightwell AquaClean 45 dishwasher has started stopping mid-cycle with **E24** flashing, leaving a couple of centimetres of dirty water in the bottom.

The manual says E24 = drain problem. I've cleaned the filter, checked the hose isn't kinked behind the unit and run the sink tap to make sure the drain isn't blocked. It drained once after that and then E24 again the next day.

It's 5 months old, so well within warranty. I need an engineer visit – I'm at work Monday to Thursday, so Friday or a Saturday would be ideal.""",
        "desired_outcome": "repair",
        "rating": 2,
        "review": "Decent dishwasher until it wasn't. Waiting on a repair.",
        "private_details": "Invoice BW-INV-773201, serial AQ45-2291-0087, 07700 900188",
        "days_ago": 9,
        "affected": ["tom_baker"],
        "answers": [
            {
                "author": "oskar_support",
                "body": """Hello Priya, thank you for doing all those checks already – it really helps, and I'm sorry the dishwasher has let you down so early.

Since cleaning the filter didn't fix it, it's most likely the drain pump. I've raised a warranty repair, and our engineer partner will contact you within **2 working days** to book a visit. I've noted that Friday or Saturday works best for you.

Until then, running a short rinse with the door ajar afterwards can help avoid smells. I'll check in here once the visit is booked.""",
                "hours_after": 26,
                "votes": {"priya-n": 1},
                "official": True,
                "accepted": False,
            },
        ],
        "status": "acknowledged",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "en-06",
        "author": "tom_baker",
        "category": "phones-tablets",
        "title": "Brightwell app logs me out every single time I open it",
        "body": """Since the last update (the one with the new green icon) the Brightwell app on my BW Phone 12 logs me out every time I close it. Every. Single. Time. Then it wants a code sent by text before I can see my orders.

Cleared the cache, reinstalled, same thing. It's like déjà vu every morning. Is anyone else getting this or is it just me?""",
        "desired_outcome": "other",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 27,
        "affected": ["priya-n", "jamie_r", "luka_p", "zsofi_b", "wang_li", "sara_j"],
        "answers": [
            {
                "author": "jamie_r",
                "body": "Same here on a BW Tab 10. Annoying doesn't cover it.",
                "hours_after": 2,
                "votes": {"priya-n": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "priya-n",
                "body": """Found a workaround: go to your phone's **Settings → Battery → Brightwell → set to "Unrestricted"**. The battery saver was killing the app in the background and wiping the login token with it.

Been staying logged in for three days since I changed it.""",
                "hours_after": 30,
                "votes": {"tom_baker": 1, "jamie_r": 1, "luka_p": 1},
                "official": False,
                "accepted": True,
            },
            {
                "author": "tom_baker",
                "body": "That worked, thanks Priya. Still think the app shouldn't need that though.",
                "hours_after": 52,
                "votes": {},
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
        "key": "en-07",
        "author": "jamie_r",
        "category": "repairs-warranty",
        "title": "Warranty refused for BW Phone 12 – \"liquid damage\" that never happened",
        "body": """My BW Phone 12 stopped charging at 10 months. Sent it in for warranty repair through the store. Two weeks later I get it back **unrepaired**, with a note saying the liquid indicator was triggered and the repair would cost £189.

The phone has never been wet. It lives in a case, it doesn't come in the bathroom, I don't run with it. I asked to see a photo of the indicator and was told that "isn't something we provide".

I'm not being naïve here – I know these stickers can change colour from humidity alone. I want an independent check or the repair done under warranty.""",
        "desired_outcome": "repair",
        "rating": 1,
        "review": "Warranty felt like a formality designed to say no.",
        "private_details": "Repair ticket RT-88412, IMEI 356938035643809",
        "days_ago": 95,
        "affected": ["tom_baker", "priya-n", "jonas_w", "chen_yu"],
        "answers": [
            {
                "author": "nina_support",
                "body": """Hi Jamie, thank you for raising this, and I understand how frustrating it is to be told you caused damage you're sure you didn't.

You're right that you're entitled to see the evidence. I've asked the service centre for the inspection photos and for a second technician to look at the phone. Please send it back using the prepaid label I've emailed you – we'll cover postage both ways.

I'll update this thread as soon as the second inspection is done, within 10 working days.""",
                "hours_after": 22,
                "votes": {"jamie_r": 1, "priya-n": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "nina_support",
                "body": "Update: the second technician found that the indicator was only partly discoloured and there's no corrosion on the board. The repair has been approved under warranty – the charging port is being replaced and the phone will be back with you this week. Sorry again for the first decision.",
                "hours_after": 380,
                "votes": {"jamie_r": 1, "tom_baker": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "jamie_r",
                "body": """Got it back, charged fine for about ten days. Now it's doing **exactly the same thing** again – won't charge unless I hold the cable at an angle.

So I'm reopening this. I don't want a third trip to the service centre, I'd like a replacement phone.""",
                "hours_after": 1100,
                "votes": {"tom_baker": 1, "priya-n": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "tom_baker",
                "body": "Under UK consumer law, if a repair fails they have to offer a replacement or refund. Might be worth quoting that.",
                "hours_after": 1120,
                "votes": {"jamie_r": 1},
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
        "key": "en-08",
        "author": "priya-n",
        "category": "stores-service",
        "title": "Rude assistant in the Manchester store laughed at my question",
        "body": """Went into the Manchester Arndale store on Saturday with my mum to look at washing machines. We'd been sitting in the café in the store for a bit first, then went upstairs.

My mum asked the assistant (tall, grey Brightwell fleece, didn't catch the name) whether the **Brightwell WashPro 8** could do a hand-wash cycle. He literally laughed, said "it's not 1985", and walked off to talk to a colleague. She was embarrassed and we left without buying anything.

I'm not after anything big. I'd just like someone to acknowledge that isn't how customers should be treated.""",
        "desired_outcome": "apology",
        "rating": 2,
        "review": "Nice store, nice café, one staff member who made my mum feel stupid.",
        "private_details": None,
        "days_ago": 34,
        "affected": ["jamie_r"],
        "answers": [
            {
                "author": "oskar_support",
                "body": """Hi Priya, thank you for telling us, and please pass on my apologies to your mum – that's not how anyone should be spoken to in our stores, whatever the question.

I've shared your description with the Manchester store manager, who is speaking to the team member directly and going through customer-care training with the floor staff this week. For the record, the WashPro 8 does have a hand-wash/wool programme.

The store manager would like to apologise in person, and has offered a 10% discount if you'd ever like to come back. I'll send you the details by email.""",
                "hours_after": 18,
                "votes": {"priya-n": 1, "jamie_r": 1, "maja_k": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "priya-n",
                "body": "The manager rang us and was genuinely lovely about it. Mum ended up buying the WashPro 8 after all. Thank you.",
                "hours_after": 160,
                "votes": {"jamie_r": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": {
            "rating": 4,
            "review": "Handled properly in the end, and the manager's call meant a lot to my mum.",
            "would_return": True,
        },
    },
    {
        "key": "en-09",
        "author": "tom_baker",
        "category": "orders-delivery",
        "title": "Parcel says \"delivered\" – it wasn't",
        "body": """Tracking for my BW Buds Pro says "delivered, left in safe place" at 14:02 yesterday. I was home all day working. No knock, no card, nothing by the door, nothing with the neighbours, nothing in the bin (yes, I checked).

No photo on the tracking page either, which I thought your couriers were supposed to take. Please can someone look into where it actually went.""",
        "desired_outcome": "replacement",
        "rating": None,
        "review": None,
        "private_details": "Order BW-2026-311907, tracking BWX8841200917GB",
        "days_ago": 1,
        "affected": [],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "en-10",
        "author": "jamie_r",
        "category": "billing-payments",
        "title": "Charged twice for click & collect order (£74.99 x2)",
        "body": """Ordered a Brightwell Home hub for click & collect. The payment page timed out, so I tried again and it went through. Now my banking app shows **two** payments of £74.99 to Brightwell, both marked as completed, not pending.

Only one order number in my account. Picked up one hub. Please refund the second charge – I'd rather not have to raise a chargeback.""",
        "desired_outcome": "refund",
        "rating": 2,
        "review": "Payment page clearly broken. Hoping the refund is quick.",
        "private_details": "Order BW-2026-298455, Mastercard ending 9023, both payments on the 14th at 21:47 and 21:49",
        "days_ago": 4,
        "affected": ["priya-n", "sara_j"],
        "answers": [
            {
                "author": "nina_support",
                "body": """Hi Jamie, thanks for flagging this and sorry for the hassle. I can see both payments against your card – the second one wasn't linked to an order because of the timeout.

I've sent it to our payments team for a manual refund, which normally takes **5 working days** to reach your account. There's no need for a chargeback; I'll post here once it's been sent.""",
                "hours_after": 7,
                "votes": {"jamie_r": 1},
                "official": True,
                "accepted": False,
            },
        ],
        "status": "in_progress",
        "promised_in_days": 7,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "en-11",
        "author": "priya-n",
        "category": "smart-home",
        "title": "Doorbell camera notifications arrive 2 minutes late",
        "body": """The Brightwell Home Doorbell Cam is connected to the Home hub, and motion and ring notifications arrive on my phone anything from **60 to 150 seconds** after the event. By then the delivery driver has long gone.

The live view itself is instant, so the internet is fine. I've turned off battery optimisation for the app and re-paired the doorbell. Is there a setting I'm missing, or is it the cloud side?""",
        "desired_outcome": "explanation",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 19,
        "affected": ["tom_baker", "erik_l"],
        "answers": [
            {
                "author": "tom_baker",
                "body": "Mine got much better after I turned off \"Smart detection\" in the camera settings. It seems to upload the clip and analyse it before sending the alert. With it off I get the ring alert within a few seconds.",
                "hours_after": 14,
                "votes": {"priya-n": 1, "erik_l": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "priya-n",
                "body": "Tried that – rings are faster now, but motion alerts are still slow. Half a fix.",
                "hours_after": 40,
                "votes": {},
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
        "key": "en-12",
        "author": "tom_baker",
        "category": "kitchen-appliances",
        "title": "BrewMaster coffee machine leaking from underneath after 6 weeks",
        "body": """Bought a Brightwell BrewMaster Duo bean-to-cup machine in January. From week six, there's a puddle under it every morning. It's not the drip tray – that's empty. Looks like it's coming from the back left, near where the water tank sits.

Descaled it, reseated the tank, made sure the seal is clean. Still leaking. It's ruining the worktop.

I'd like to swap it for a new one, not wait weeks for a repair.""",
        "desired_outcome": "exchange",
        "rating": 3,
        "review": "Great coffee when it worked. Shame about the leak.",
        "private_details": "Receipt from Bristol Cabot Circus, transaction 4410-2231, 07700 900655",
        "days_ago": 110,
        "affected": ["jamie_r", "lena_m"],
        "answers": [
            {
                "author": "oskar_support",
                "body": """Hello Tom, thank you for the detail, and I'm sorry about the worktop. A leak from the back left is almost certainly the tank valve, which is a known issue on a small batch of early BrewMaster Duo machines.

As it's under 30 days from when the fault started and within the first 6 months, you're entitled to an exchange. Please bring it (no box needed) to any Brightwell store with your receipt; I've added a note to your account so staff will swap it straight away, without sending it off for inspection.""",
                "hours_after": 15,
                "votes": {"tom_baker": 1, "jamie_r": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "tom_baker",
                "body": "Swapped at Cabot Circus this afternoon, took ten minutes. New one's dry so far.",
                "hours_after": 70,
                "votes": {},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "closed",
        "promised_in_days": None,
        "resolution_confirmed": True,
        "revised_rating": None,
    },
    {
        "key": "en-13",
        "author": "jamie_r",
        "category": "repairs-warranty",
        "title": "TV away for repair for 3 weeks with no updates at all",
        "body": """Our Brightwell VisionView 55" TV developed a vertical line of dead pixels down the left side. Collected under warranty on the 2nd. The collection guy said "usually 7–10 days".

Three weeks on, the repair tracker still says **"Received at service centre"** and hasn't changed once. Phoned twice, was told both times it's "in the queue".

Honestly I'd be fine waiting if someone just told me what's going on. Is there a part on order? Has anyone even looked at it?""",
        "desired_outcome": "explanation",
        "rating": None,
        "review": None,
        "private_details": "Repair RT-90177, serial VV55-4420-1198",
        "days_ago": 22,
        "affected": ["priya-n", "bence_t"],
        "answers": [
            {
                "author": "nina_support",
                "body": """Hi Jamie, thank you for your patience, and I'm sorry nobody has given you a proper update – that's the part we should have got right even if the repair takes time.

I've spoken to the service centre: the fault is in the panel itself and a replacement panel has been ordered from the manufacturer. It's due to arrive next week, and the repair plus testing takes about 3 days after that. I've asked them to update the tracker at each step.

I'll post here again as soon as the panel arrives.""",
                "hours_after": 10,
                "votes": {"jamie_r": 1, "priya-n": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "priya-n",
                "body": "If it goes much past 4 weeks, ask for a loan TV. They gave me one when my oven repair dragged on – you have to ask though, they don't offer.",
                "hours_after": 30,
                "votes": {"jamie_r": 1, "tom_baker": 1},
                "official": False,
                "accepted": False,
            },
        ],
        "status": "in_progress",
        "promised_in_days": 28,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "en-14",
        "author": "priya-n",
        "category": "phones-tablets",
        "title": "Left BW Buds Pro earbud won't charge after 2 months",
        "body": """The left earbud of my BW Buds Pro stopped charging. Right one is fine, case is fine. The left one doesn't light up when it's in the case and dies within minutes.

Cleaned the contacts with a cotton bud and a bit of alcohol, reset them as per the manual. No change. Bought online in March.""",
        "desired_outcome": "exchange",
        "rating": 3,
        "review": "Sound is great, build quality apparently not.",
        "private_details": None,
        "days_ago": 71,
        "affected": ["wang_li"],
        "answers": [
            {
                "author": "oskar_support",
                "body": """Hi Priya, thanks for trying the cleaning and reset first – sorry they didn't help.

This sounds like a faulty battery in the earbud. We'll exchange the whole set. Please add your order number to the private details (not here in the thread) and I'll send a replacement straight away with a prepaid bag for the old pair. You should have the new ones within 3 working days.""",
                "hours_after": 4,
                "votes": {"priya-n": 1},
                "official": True,
                "accepted": True,
            },
            {
                "author": "priya-n",
                "body": "Added the order number. New pair turned up two days later – thanks for the quick turnaround.",
                "hours_after": 56,
                "votes": {},
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
        "key": "en-15",
        "author": "tom_baker",
        "category": "orders-delivery",
        "title": "Paid £25 for old washing machine removal – they left it on my drive",
        "body": """Bought a Brightwell WashPro 8 with installation and removal of the old machine (£25 extra, it's on the invoice). The two-man crew installed the new one, carried the old one out… and left it on my drive. Said they \"didn't have space in the van\" and someone would come back \"this week\".

That was 8 days ago. It's raining, it's blocking the car, and the neighbours are starting to talk.

Either collect it or refund the £25 so I can pay the council to take it.""",
        "desired_outcome": "other",
        "rating": 2,
        "review": "Installation itself was fine. The removal part was a joke.",
        "private_details": "Order BW-2026-187730, 3 Wren Close, Reading RG4 7PL",
        "days_ago": 40,
        "affected": ["jamie_r"],
        "answers": [
            {
                "author": "nina_support",
                "body": """Hi Tom, I'm really sorry – the crew should never have left the old machine on your drive, and certainly not without a booked return visit.

I've booked a collection for Thursday between 8am and 1pm and refunded the £25 removal fee to your card as an apology. You'll get a text with the driver's name on the morning. I'll check on Thursday afternoon that it's gone.""",
                "hours_after": 8,
                "votes": {"tom_baker": 1, "priya-n": 1},
                "official": True,
                "accepted": True,
            },
        ],
        "status": "resolved",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": {
            "rating": 3,
            "review": "They did collect it in the end and refunded the fee. Shouldn't have needed a complaint.",
            "would_return": True,
        },
    },
    {
        "key": "en-16",
        "author": "jamie_r",
        "category": "stores-service",
        "title": "Price match refused in store even though it's on your own website",
        "body": """Your website says Brightwell will [price match](https://shop.brightwell.example/price-promise) any UK retailer on identical items. I went into the Leeds Trinity store with the competitor's page on my phone showing the BW Tab 10 at £219 vs. £249 with you. Same model, same colour, in stock.

The assistant said price match \"only applies online\". Online, the chat said it \"only applies in store\". Can someone tell me which it is? It feels like the policy is just a nice façade.""",
        "desired_outcome": "explanation",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 6,
        "affected": ["priya-n", "tom_baker", "luka_p"],
        "answers": [
            {
                "author": "oskar_support",
                "body": """Hi Jamie, thank you for raising this – and you're right to be confused, you shouldn't get two opposite answers from us.

The Price Promise applies both in store and online. I've passed this on to the Leeds Trinity manager and to the chat team lead so they can correct the guidance. I'm checking the competitor listing now and will come back to you within a week with how we'll honour the difference.""",
                "hours_after": 28,
                "votes": {"jamie_r": 1},
                "official": True,
                "accepted": False,
            },
        ],
        "status": "acknowledged",
        "promised_in_days": 10,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "en-17",
        "author": "priya-n",
        "category": "billing-payments",
        "title": "0% instalment plan is charging me interest",
        "body": """Bought a CoolMax 320 fridge on the \"12 months, 0% APR\" plan advertised on the product page. First statement from the finance partner just arrived and shows **19.9% APR** and £14.20 interest already added.

I have a screenshot of the product page and my order confirmation saying 0%. I'd like this fixed before the next payment goes out, please.""",
        "desired_outcome": "refund",
        "rating": 1,
        "review": "Advertised 0% and got 19.9%. Not impressed.",
        "private_details": "Order BW-2026-322018, finance agreement BWF-6670312",
        "days_ago": 0,
        "affected": [],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
    {
        "key": "en-18",
        "author": "tom_baker",
        "category": "smart-home",
        "title": "Firmware update 2.4.1 has bricked three of my smart bulbs",
        "body": """The Brightwell Home app pushed firmware 2.4.1 to my Brightwell Glow E27 bulbs overnight. This morning three of the six are stuck on a dim orange and won't respond to the app, the hub or the wall switch reset (on/off 5 times).

The other three, which I think updated later, are fine. Anyone else? I'd rather not have to buy new ones because of an update I didn't ask for.""",
        "desired_outcome": "replacement",
        "rating": None,
        "review": None,
        "private_details": None,
        "days_ago": 13,
        "affected": ["jamie_r", "sara_j", "zsofi_b"],
        "answers": [
            {
                "author": "jamie_r",
                "body": "Two of mine did the same. Leaving them switched off at the wall for a full hour and then doing the 5x reset brought one back. The other is still stuck orange.",
                "hours_after": 6,
                "votes": {"tom_baker": 1, "sara_j": 1},
                "official": False,
                "accepted": False,
            },
            {
                "author": "tom_baker",
                "body": "The hour-off trick revived one of mine too. Two still dead.",
                "hours_after": 26,
                "votes": {"jamie_r": 1},
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
        "key": "en-19",
        "author": "jamie_r",
        "category": "kitchen-appliances",
        "title": "ChefLine 60 oven runs about 30 degrees hotter than the dial",
        "body": """Our Brightwell ChefLine 60 built-in oven burns everything. Checked with an oven thermometer: set to 180°C, it sits at 205–210°C after 20 minutes. My fiancée's crème brûlée turned into charcoal, which was the final straw.

It's about 8 months old. Is there a calibration setting, or does it need an engineer?""",
        "desired_outcome": "repair",
        "rating": 3,
        "review": "Looks smart, cooks unevenly.",
        "private_details": None,
        "days_ago": 82,
        "affected": ["priya-n"],
        "answers": [
            {
                "author": "nina_support",
                "body": """Hi Jamie, thanks for measuring it properly – that makes things much easier, and sorry about the crème brûlée.

The ChefLine 60 has a hidden calibration menu: with the oven off, hold the **light** and **minus** buttons for 5 seconds, then use minus to lower the offset (each step is 5°C). Set it to −25 and test again.

If that doesn't bring it within 10°C, reply here and I'll book an engineer under warranty to replace the temperature sensor.""",
                "hours_after": 12,
                "votes": {"jamie_r": 1, "priya-n": 1, "tom_baker": 1},
                "official": True,
                "accepted": False,
            },
            {
                "author": "priya-n",
                "body": "Ooh, didn't know about that menu. Same model here and mine's about 10 degrees out – going to try it.",
                "hours_after": 20,
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
        "key": "en-20",
        "author": "priya-n",
        "category": "phones-tablets",
        "title": "Trade-in value cut from £180 to £40 after they received my phone",
        "body": """Traded in my old BW Phone 10 when buying a BW Phone 12. The online quote was **£180** for \"good condition\" – no cracks, battery health 88%, I even sent it in its original box.

Today I got an email saying it was assessed as \"poor\" and the offer is now £40, take it or they'll send the phone back. No photos, no explanation of what's wrong with it.

It feels like the classic bait-and-switch cliché. I'd like either the original £180 or a proper explanation with evidence.""",
        "desired_outcome": "explanation",
        "rating": None,
        "review": None,
        "private_details": "Trade-in reference TI-2026-04418",
        "days_ago": 3,
        "affected": ["tom_baker", "chen_yu"],
        "answers": [],
        "status": "open",
        "promised_in_days": None,
        "resolution_confirmed": None,
        "revised_rating": None,
    },
]
