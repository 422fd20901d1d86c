namespace ChatSupport.Api.Demo;

/// <summary>What the demo visitors ask and the agents answer: a topic per chat, each with its opening, replies and follow-ups.</summary>
public static class DemoScripts
{
    public sealed record Topic(string[] Openings, string[] Answers, string[] FollowUps, string[] MoreAnswers);

    public static readonly Topic[] Topics =
    [
        new(
            ["Hi, where is my order? It said 2–3 days and it's been a week.", "Hello! My order hasn't arrived yet, can you check?", "Hi, the tracking link for my order doesn't show anything."],
            ["Hi! Sorry about the wait — let me look that up. Could you give me your order number?", "Hello, happy to check. What's the order number?", "Thanks for reaching out! I'm checking the courier's status now."],
            ["It's DS-48213.", "Order DS-51877, placed last Monday.", "I don't have it, but my email is on the order."],
            ["Found it: it left our warehouse yesterday and should be with you tomorrow.", "The courier had a delay in your area; it's out for delivery today.", "I've asked the courier to re-send the tracking link to your email."]),
        new(
            ["Can I return shoes I've worn once outside?", "How do I return something? The size is wrong.", "Hi, I'd like a refund for the jacket I bought."],
            ["You can return anything within 30 days; lightly worn is fine if it's clean.", "Sure! I'll send you a free return label by email.", "Of course. Would you like a refund or an exchange?"],
            ["Great, an exchange for one size up please.", "A refund, please.", "How long does the refund take?"],
            ["Done — the new size ships as soon as the courier scans your return.", "Refunds reach your card 3–5 days after we receive the parcel.", "I've started it; you'll get an email with the label in a minute."]),
        new(
            ["Do the Trail Runner 2 fit true to size?", "I'm between a 42 and a 43, which should I pick?", "Is the merino hoodie roomy or slim?"],
            ["They run a little small; most people go half a size up.", "If you're between sizes, the larger one is usually better for this model.", "It's a regular fit — roomy enough for a T-shirt underneath."],
            ["And are they good for wide feet?", "Thanks! Is the 43 in stock in blue?", "Does it shrink in the wash?"],
            ["Yes, the toe box is wide; plenty of our customers with wide feet love them.", "Blue 43 is in stock, shipping today if you order before 3 pm.", "Not at 30 °C on a wool cycle; lay it flat to dry."]),
        new(
            ["My card was declined at checkout but I was still charged?", "Can I pay with PayPal?", "The discount code WINTER10 doesn't work."],
            ["That's usually a pending authorisation; it disappears within a few days. Let me check the payment.", "Yes, PayPal is on the last step of the checkout.", "Let me check the code for you."],
            ["OK, but will my order still go through?", "I don't see it on my phone.", "I'm ordering the rain jacket."],
            ["No order was created, so the hold will be released; you can order again safely.", "On mobile it's under \"More payment options\" — tap it to open the list.", "The code excludes sale items; I've added a 10 % code to your account instead."]),
        new(
            ["Do you ship to Canada?", "How much is shipping to Australia?", "Can I get express delivery to Berlin by Friday?"],
            ["We do! Shipping is free over 80 and takes 5–7 working days.", "It's a flat 15, arriving in 7–10 days.", "Express arrives next working day if you order before 2 pm."],
            ["Are there customs fees?", "Can I track it?", "Great, and is it insured?"],
            ["Duties are included in the price, so nothing to pay on delivery.", "Yes, you'll get a tracking link as soon as it ships.", "Every parcel is insured until it is delivered."]),
        new(
            ["The zip of my jacket broke after two weeks.", "One of the shoes arrived damaged.", "I got the wrong colour."],
            ["I'm so sorry! Could you send a photo to help@demo-shop.example?", "That shouldn't happen — I'll send a replacement right away.", "Apologies for the mix-up; I'll get the right one out to you today."],
            ["Sent the photo just now.", "Do I need to send the broken one back?", "Thank you, that's quick."],
            ["Got it — a replacement is on its way, no need to return the old one.", "No need; please recycle it or keep it.", "You'll get the tracking number within the hour."]),
        new(
            ["I can't log in to my account.", "How do I change my delivery address?", "Can I delete my account?"],
            ["Let's fix that: I've sent a password reset link to your email.", "You can change it under Account → Addresses, or I can do it for you.", "Yes. I can start that for you; it takes up to 30 days."],
            ["The reset email didn't arrive.", "Please change it to my office address.", "Please go ahead."],
            ["It can take a few minutes; please check the spam folder too. I've sent it again.", "Done — your next order goes to the new address.", "Done. You'll get a confirmation email."]),
    ];

    public static readonly string[] Thanks = ["Thanks, that helps!", "Perfect, thank you.", "Great, thanks a lot!", "OK, thanks.", "Brilliant, cheers!"];

    public static readonly string[] Goodbyes =
        ["You're welcome! Anything else I can help with?", "Happy to help — have a great day!", "My pleasure. Enjoy your order!"];

    public static readonly string[] StillThere = ["Hello? Is anyone there?", "Still waiting…", "Hi? I need help with my order."];

    public static readonly string[] TransferNotes =
        ["Payment question — you know the refunds system better.", "Customer wants an exchange; warehouse check needed.", "Over to you for the sizing advice."];

    public static readonly string[] AfterTransfer = ["Hi, I'm taking over from my colleague — give me a moment to read back.", "Hello! I've got your chat now, checking it."];

    /// <summary>Feedback by stars (index 0 = 1 star).</summary>
    public static readonly string[][] Feedback =
    [
        ["Waited far too long.", "Didn't solve my problem.", "Nobody could tell me where my order is."],
        ["Slow answers.", "Helpful in the end but it took ages."],
        ["OK, but I had to explain twice.", "Fine."],
        ["Quick and friendly.", "Good help, thanks.", "Solved, thank you."],
        ["Super helpful, thank you!", "Fast and kind — great service.", "Best support chat I've used!", "Sorted in two minutes."],
    ];
}
